//! PETRARCH/TABARI compatibility: dictionary readers and converters (`dict`), and the
//! validation-file reader (`xml`).

pub mod comma;
pub mod dict;
pub mod xml;

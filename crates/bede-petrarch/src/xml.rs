//! PETRARCH validation XML reader.

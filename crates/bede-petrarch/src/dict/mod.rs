//! PETRARCH dictionary readers and the converter to Bede formats.

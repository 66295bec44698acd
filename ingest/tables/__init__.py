"""Files as tables: every format a unit sends (Word, Excel, CSV/text in any Chinese encoding),
read into one `Document` model (`read.read_document`), with the header and cell helpers that
the checklist and unit-register readers share."""

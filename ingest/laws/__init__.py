"""Law files → typed law records, and those records → the graph.

    for item in parse.scan_law_paths([corpus]):           # ParsedLawFile or SkippedFile
        ...
    catalogue = catalogue.build_catalogue(parsed_files, today=date(2025, 1, 1))
    load.ingest_laws(store, [corpus])                     # parse, analyse articles, write

Formats: LawRefBook Markdown (.md), national-database plain text (.txt, UTF-8 or GBK) and
Word (.docx). Everything but `graph` (batches) and `load` (the writes) is pure parsing.
"""

"""Read responsibility checklists (普法责任清单) as units really submit them.

    from ingest.checklists.reader import read_checklist
    for checklist in read_checklist("2026_县公安局_普法责任清单.docx"):
        for item in checklist.items: ...

Modules: `columns` (the names units give each column), `prose` (numbered prose lists as a
table), `normalize` (audiences, methods and timings -> canonical ids), `reader` (rows ->
records), `load` (records -> the graph, one revision per unit and year).
"""

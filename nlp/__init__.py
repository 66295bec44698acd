"""Chinese legal-text extraction: law citations, competent departments, audiences, unit types.

The entry points, by module (importing `nlp` itself loads nothing; spaCy and jieba load on first use):

    nlp.catalogue   Catalogue.load(path=None), .from_records(...), .lookup(name), .nearest(name, limit=5)
    nlp.citations   extract_citations(text, catalogue) -> list[Citation]
                    resolve_name(name, catalogue, region) -> Resolution  # one law name, e.g. a checklist cell
    nlp.departments extract_departments(article_text) -> list[DepartmentMention]
                        DepartmentMention: start, end, text, dept_type, name, level, role, former_name, covers
    nlp.taxonomy    load_department_taxonomy(path) -> DepartmentTaxonomy   # data/departments.yaml
    nlp.audiences   extract_audiences(text) -> list[AudienceMention]
    nlp.unit_types  types_from_names(name, aliases=(), level=None, region=None) -> list[ImpliedType]
    nlp.warm        warm(catalogue=None)   # load jieba, the user dictionary and the pipelines at start-up

Offsets always index the text as passed in (traditional script and full-width forms are
normalised internally without changing lengths). Unresolved citations have law_id None and
ranked candidates; nothing is guessed.
"""

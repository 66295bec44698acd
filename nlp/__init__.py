"""Chinese legal-text extraction: law citations, competent departments, audiences.

Public API (imported lazily, so `import nlp` does not load spaCy until it is needed):

    Catalogue.load(path=None) -> Catalogue            # data/catalogue/laws.jsonl by default
    Catalogue.from_records(iterable_of_dicts)         # LawRecord fields + versions/repealed_by/parent_id
    Catalogue.lookup(name) -> list[CatalogueLaw]      # exact (normalised) name hits
    Catalogue.nearest(name, limit=5) -> list[Candidate]   # Candidate = (law_id, title, score)

    extract_citations(text, catalogue) -> list[Citation]
        Citation: start, end, text, name, law_id | None, title, version_id, version_year,
                  article, article_suffix (之二 → 2), paragraph, item, confidence, candidates
    resolve_name(name, catalogue) -> Resolution       # one law name, e.g. a checklist cell
        Resolution: name, law_id | None, title, version_id, version_year, confidence, candidates

    extract_departments(article_text) -> list[DepartmentMention]
        DepartmentMention: start, end, text, dept_type, name, level, role (duty|power|mention),
                           former_name, covers
    load_department_taxonomy(path=None) -> DepartmentTaxonomy   # data/departments.yaml

    extract_audiences(text) -> list[AudienceMention]  # start, end, text, audience_id, name

    find_principal_authorities(articles: list[LawArticle]) -> list[PrincipalAuthority]
        LawArticle: id, label, path (编/章/节 headings), text — one law's current version
        PrincipalAuthority: dept_type, level, article_id, article_label, cue, text
    relevance_tier(is_principal, duty_power_articles) -> "principal" | "related" | "mentioned"

    warm(catalogue=None)   # load jieba, the user dictionary and the pipelines at start-up

Offsets always index the text as passed in (traditional script and full-width forms are
normalised internally without changing lengths). Unresolved citations have law_id None and
ranked candidates; nothing is guessed.
"""

from importlib import import_module

_EXPORTS = {
    "Catalogue": "nlp.catalogue",
    "CatalogueLaw": "nlp.catalogue",
    "Candidate": "nlp.catalogue",
    "Citation": "nlp.citations",
    "Resolution": "nlp.citations",
    "extract_citations": "nlp.citations",
    "resolve_name": "nlp.citations",
    "DepartmentMention": "nlp.departments",
    "extract_departments": "nlp.departments",
    "load_department_taxonomy": "nlp.departments",
    "AudienceMention": "nlp.audiences",
    "extract_audiences": "nlp.audiences",
    "LawArticle": "nlp.principal",
    "PrincipalAuthority": "nlp.principal",
    "find_principal_authorities": "nlp.principal",
    "relevance_tier": "nlp.principal",
    "warm": "nlp.pipeline",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'nlp' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)

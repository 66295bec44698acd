"""Render the schema as Markdown (docs/schema.md), so the documentation cannot drift from the code."""

from graph.schema import NODES, RELS


def render() -> str:
    lines = [
        "# Graph schema",
        "",
        "Generated from `graph/schema.py` by `python -m graph.schema_doc > docs/schema.md`;",
        "a test fails when this file is out of date. Every node has a string `id` key.",
        "",
        "```mermaid",
        "graph LR",
        *(f"  {rel.source} -->|{rel.name}| {rel.target}" for rel in RELS.values()),
        "```",
        "",
        "## Nodes",
        "",
        "| label | properties | meaning |",
        "|---|---|---|",
        *(
            f"| {node.label} | {', '.join(f'{p}: {t}' for p, t in node.properties.items())} | {node.doc} |"
            for node in NODES.values()
        ),
        "",
        "## Relationships",
        "",
        "| type | from → to | properties | meaning |",
        "|---|---|---|---|",
        *(
            f"| {rel.name} | {rel.source} → {rel.target} | "
            f"{', '.join(f'{p}: {t}' for p, t in rel.properties.items()) or '–'} | {rel.doc} |"
            for rel in RELS.values()
        ),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")

"""Council-editable plain text turned into safe blocks for a template (no HTML is ever trusted)."""


def render_page_text(body: str) -> list[dict]:
    """Split text into headings (lines starting '## ') and paragraphs (separated by blank lines)."""
    blocks: list[dict] = []
    paragraph: list[str] = []

    def flush():
        if paragraph:
            blocks.append({"kind": "paragraph", "text": " ".join(paragraph)})
            paragraph.clear()

    for raw in body.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line.startswith("## "):
            flush()
            blocks.append({"kind": "heading", "text": line[3:].strip()})
        elif line.startswith("- "):
            flush()
            if blocks and blocks[-1]["kind"] == "list":
                blocks[-1]["items"].append(line[2:].strip())
            else:
                blocks.append({"kind": "list", "items": [line[2:].strip()]})
        elif not line:
            flush()
        else:
            paragraph.append(line)
    flush()
    return blocks

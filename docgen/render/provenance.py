"""The source data a document was built from, carried inside it as a custom XML part.

Word keeps custom XML parts (``customXml/itemN.xml``) through editing and saving,
and so does LibreOffice. docgen writes the project's data there as JSON with its
SHA-256, so ``docgen extract`` returns exactly the data that built a form, and
can tell whether the form was edited afterwards. Each document's part also records the
SHA-256 of its body as written (``word/document.xml``): an unedited output is known by
comparing digests, without rendering it again (``build``'s guard, ``extract``).
"""

from __future__ import annotations

import re
import uuid
from xml.sax.saxutils import escape

from docgen.render.package import Deflated, add_content_types, add_relationships
from docgen.source_data import BODY_TAG, NS, digest

CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
_ITEM = re.compile(r"^customXml/item(\d+)\.xml$")


def source_head(payload: bytes) -> bytes:
    """The custom XML part for ``payload`` (canonical JSON) up to the body's digest: the same for
    every document of a project (compressed once, see ``package.deflate_open``)."""
    sha = digest(payload)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<docgen:source xmlns:docgen="{NS}" sha256="{sha}">'
        f"<docgen:data>{escape(payload.decode('utf-8'))}</docgen:data>"
    ).encode()


def source_tail(body: bytes) -> bytes:
    """The end of the part: the digest of the document's body (``word/document.xml``) as written."""
    return f'<docgen:{BODY_TAG} sha256="{digest(body)}"/></docgen:source>'.encode()


def source_parts(
    names: list[str], current: dict[str, bytes], item: bytes | Deflated, sha: str
) -> dict[str, bytes | Deflated]:
    """The parts to add or replace so that the package carries ``item`` (see :func:`source_item`)."""
    used = [int(m.group(1)) for name in names if (m := _ITEM.match(name))]
    number = max(used, default=0) + 1
    item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{NS}/{sha}")).upper() + "}"
    props = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<ds:datastoreItem ds:itemID="{item_id}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NS}"/></ds:schemaRefs></ds:datastoreItem>'
    )
    item_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{PROPS_REL}" Target="itemProps{number}.xml"/></Relationships>'
    )
    rels = add_relationships(
        current[DOCUMENT_RELS], (("rIdDocgenSource", CUSTOM_XML_REL, f"../customXml/item{number}.xml"),)
    )
    types = add_content_types(current[CONTENT_TYPES], overrides=((f"/customXml/itemProps{number}.xml", PROPS_TYPE),))
    return {
        f"customXml/item{number}.xml": item,
        f"customXml/itemProps{number}.xml": props.encode("utf-8"),
        f"customXml/_rels/item{number}.xml.rels": item_rels.encode("utf-8"),
        DOCUMENT_RELS: rels,
        CONTENT_TYPES: types,
    }

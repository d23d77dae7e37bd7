"""What a PDF says about itself: the document information (title, author, subject in
the report's language), the same in an XMP metadata stream (dc:title, dc:creator,
dc:description, dc:language; ISO 32000 §14.3.2), and the viewer preference
DisplayDocTitle, so that a viewer's title bar shows the title, not the file name.

reportlab writes the information dictionary itself; :func:`apply` adds the rest to a
canvas just before it is saved (pdf_base.ReportCanvas.save). The XMP stream is left
uncompressed, as PDF/A and PDF/UA ask, so that any tool can read it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import escape

_PACKET = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li><rdf:li xml:lang="{lang}">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li><rdf:li xml:lang="{lang}">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def xmp_packet(title: str, author: str, subject: str, lang: str, producer: str = "", creator: str = "",
               when: datetime | None = None) -> bytes:
    """The XMP packet (UTF-8 bytes) for these values."""
    when = (when or datetime.now(timezone.utc)).replace(microsecond=0)
    values = {k: escape(v, {'"': "&quot;"}) for k, v in
              dict(title=title, author=author, subject=subject, lang=lang, producer=producer, creator=creator).items()}
    return _PACKET.format(date=when.isoformat(), **values).encode("utf-8")


def apply(canvas, lang: str) -> None:
    """Add the XMP stream (from the canvas's document information) and DisplayDocTitle."""
    from reportlab.pdfbase.pdfdoc import XMP

    info = canvas._doc.info
    packet = xmp_packet(info.title or "", info.author or "", info.subject or "", lang, info.producer or "",
                        info.creator or "")
    stream = XMP(creator=lambda doc: packet)
    stream.filters = []  # uncompressed
    canvas._doc.Catalog.Metadata = stream
    canvas.setViewerPreference("DisplayDocTitle", "true")

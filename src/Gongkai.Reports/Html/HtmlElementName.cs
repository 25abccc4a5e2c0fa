namespace Gongkai.Reports.Html;

/// <summary>The elements tree construction and reading treat one by one; the rest are <see cref="Other"/>.</summary>
internal enum ElementKind : byte
{
    Other,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Table,
    Caption,
    Colgroup,
    Col,
    TBody,
    THead,
    TFoot,
    Tr,
    Td,
    Th,
    P,
    Br,
    Li,
    Dd,
    Dt,
    A,
}

[Flags]
internal enum ElementTraits : ushort
{
    None = 0,

    /// <summary>Not shown to a reader (script, style, form controls …).</summary>
    Skipped = 1,

    /// <summary>Starts and ends a line.</summary>
    Block = 2,

    /// <summary>Has no content: the tag is the whole element.</summary>
    Void = 4,

    /// <summary>Its content is text up to its own end tag.</summary>
    RawText = 8,

    /// <summary>Its start tag closes an open <c>p</c>.</summary>
    ClosesParagraph = 16,

    /// <summary>HTML's "special" category: an inline end tag does not close it.</summary>
    Special = 32,

    /// <summary>An end tag does not close anything outside it.</summary>
    ScopeBoundary = 64,

    /// <summary><c>&lt;x/&gt;</c> closes it (Word's namespaced and unknown elements, not HTML's).</summary>
    HonoursSelfClosing = 128,
}

/// <summary>An element name with what it means, worked out once per name (the tree shares one instance per name).</summary>
internal sealed class HtmlElementName(string name, ElementKind kind, int headingLevel, ElementTraits traits)
{
    public string Name { get; } = name;

    public ElementKind Kind { get; } = kind;

    /// <summary>1–6 for h1–h6, else 0.</summary>
    public int HeadingLevel { get; } = headingLevel;

    public bool IsSkipped => (traits & ElementTraits.Skipped) != 0;

    public bool IsBlock => (traits & ElementTraits.Block) != 0;

    public bool IsVoid => (traits & ElementTraits.Void) != 0;

    public bool IsRawText => (traits & ElementTraits.RawText) != 0;

    public bool ClosesParagraph => (traits & ElementTraits.ClosesParagraph) != 0;

    public bool IsSpecial => (traits & ElementTraits.Special) != 0;

    public bool IsScopeBoundary => (traits & ElementTraits.ScopeBoundary) != 0;

    public bool HonoursSelfClosing => (traits & ElementTraits.HonoursSelfClosing) != 0;

    public bool IsCell => Kind is ElementKind.Td or ElementKind.Th;

    public bool IsRowGroup => Kind is ElementKind.TBody or ElementKind.THead or ElementKind.TFoot;

    public static ElementKind KindOf(string name) => name switch
    {
        "html" => ElementKind.Html,
        "head" => ElementKind.Head,
        "body" => ElementKind.Body,
        "title" => ElementKind.Title,
        "meta" => ElementKind.Meta,
        "table" => ElementKind.Table,
        "caption" => ElementKind.Caption,
        "colgroup" => ElementKind.Colgroup,
        "col" => ElementKind.Col,
        "tbody" => ElementKind.TBody,
        "thead" => ElementKind.THead,
        "tfoot" => ElementKind.TFoot,
        "tr" => ElementKind.Tr,
        "td" => ElementKind.Td,
        "th" => ElementKind.Th,
        "p" => ElementKind.P,
        "br" => ElementKind.Br,
        "li" => ElementKind.Li,
        "dd" => ElementKind.Dd,
        "dt" => ElementKind.Dt,
        "a" => ElementKind.A,
        _ => ElementKind.Other,
    };

    public override string ToString() => Name;
}

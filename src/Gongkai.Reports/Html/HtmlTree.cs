using System.Buffers;

namespace Gongkai.Reports.Html;

/// <summary>
/// A page's element tree, as light as reading it needs: nodes are entries in one pooled array (element name,
/// parent, first child, next sibling, and a range of the source), text stays in the source string until it is
/// read. Built by <see cref="HtmlTreeBuilder"/>; dispose it to give the array back to the pool.
/// </summary>
internal sealed class HtmlTree : IDisposable
{
    /// <summary>The document node: the parent of the top-level nodes.</summary>
    public const int Root = 0;

    public const int None = -1;

    private static readonly HtmlElementName Document = new("#document", ElementKind.Other, 0, ElementTraits.None);

    private Node[] nodes;

    public HtmlTree(ReadOnlyMemory<char> source, int capacity)
    {
        Source = source;
        nodes = ArrayPool<Node>.Shared.Rent(Math.Max(capacity, 16));
        nodes[Root] = new Node { Element = Document, Parent = None, FirstChild = None, LastChild = None, NextSibling = None, Flags = NodeFlags.Element };
        Count = 1;
    }

    [Flags]
    private enum NodeFlags : byte
    {
        None = 0,
        Element = 1,
        Hidden = 2,
        RawText = 4,
        HasReferences = 8,
        ContainsTable = 16,
    }

    public ReadOnlyMemory<char> Source { get; }

    public int Count { get; private set; }

    /// <summary>Why the markup could not be read as a tree (it nests deeper than a page does), or null.</summary>
    public string? Failure { get; set; }

    public bool IsElement(int node) => (nodes[node].Flags & NodeFlags.Element) != 0;

    /// <summary>The element's name and what it means; null for text.</summary>
    public HtmlElementName? Element(int node) => nodes[node].Element;

    /// <summary>The element's lower-case name; empty for text.</summary>
    public string Name(int node) => nodes[node].Element?.Name ?? "";

    public int Parent(int node) => nodes[node].Parent;

    public int FirstChild(int node) => nodes[node].FirstChild;

    public int NextSibling(int node) => nodes[node].NextSibling;

    /// <summary>Hidden by a <c>hidden</c> attribute or an inline style.</summary>
    public bool IsHidden(int node) => (nodes[node].Flags & NodeFlags.Hidden) != 0;

    /// <summary>A table with another table somewhere inside it.</summary>
    public bool ContainsTable(int node) => (nodes[node].Flags & NodeFlags.ContainsTable) != 0;

    /// <summary>A text node's text as written (character references not yet decoded).</summary>
    public ReadOnlySpan<char> RawText(int node) => Source.Span.Slice(nodes[node].Start, nodes[node].Length);

    /// <summary>The text has character references to decode (it holds an <c>&amp;</c> and is not script or xmp content).</summary>
    public bool HasReferences(int node) => (nodes[node].Flags & (NodeFlags.HasReferences | NodeFlags.RawText)) == NodeFlags.HasReferences;

    /// <summary>The value of an element's attribute with its character references decoded; the first wins when it is repeated.</summary>
    public string? Attribute(int node, string name)
    {
        ref var entry = ref nodes[node];
        if ((entry.Flags & NodeFlags.Element) == 0 || entry.Length == 0)
        {
            return null;
        }

        var attributes = new HtmlAttributeReader(Source.Span[..(entry.Start + entry.Length)], entry.Start);
        while (attributes.MoveNext())
        {
            if (attributes.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = attributes.Value;
                return value.Contains('&') ? HtmlCharacterReferences.Decode(value, inAttribute: true) : value.ToString();
            }
        }

        return null;
    }

    public void Dispose()
    {
        var pooled = nodes;
        nodes = [];
        Count = 0;
        if (pooled.Length > 0)
        {
            ArrayPool<Node>.Shared.Return(pooled, clearArray: true);
        }
    }

    /// <summary>Adds an element as the last child of <paramref name="parent"/>; its attributes are the source range given.</summary>
    internal int AddElement(int parent, HtmlElementName element, int attributesStart, int attributesEnd, bool hidden, int before = None) =>
        Add(parent, before, new Node
        {
            Element = element,
            Start = attributesStart,
            Length = attributesEnd - attributesStart,
            Flags = NodeFlags.Element | (hidden ? NodeFlags.Hidden : NodeFlags.None),
        });

    internal int AddText(int parent, int start, int end, bool raw, bool hasReferences, int before = None) =>
        Add(parent, before, new Node
        {
            Start = start,
            Length = end - start,
            Flags = (raw ? NodeFlags.RawText : NodeFlags.None) | (hasReferences ? NodeFlags.HasReferences : NodeFlags.None),
        });

    internal void MarkContainsTable(int table) => nodes[table].Flags |= NodeFlags.ContainsTable;

    /// <summary>Adds a node as the last child of <paramref name="parent"/>, or just before its child <paramref name="before"/>.</summary>
    private int Add(int parent, int before, Node node)
    {
        if (Count == nodes.Length)
        {
            var larger = ArrayPool<Node>.Shared.Rent(nodes.Length * 2);
            nodes.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<Node>.Shared.Return(nodes, clearArray: true);
            nodes = larger;
        }

        var index = Count++;
        node.Parent = parent;
        node.FirstChild = None;
        node.LastChild = None;
        node.NextSibling = None;
        nodes[index] = node;
        ref var owner = ref nodes[parent];
        if (before != None)
        {
            nodes[index].NextSibling = before;
            if (owner.FirstChild == before)
            {
                owner.FirstChild = index;
                return index;
            }

            var previous = owner.FirstChild;
            while (nodes[previous].NextSibling != before)
            {
                previous = nodes[previous].NextSibling;
            }

            nodes[previous].NextSibling = index;
            return index;
        }

        if (owner.LastChild == None)
        {
            owner.FirstChild = index;
        }
        else
        {
            nodes[owner.LastChild].NextSibling = index;
        }

        owner.LastChild = index;
        return index;
    }

    private struct Node
    {
        public HtmlElementName? Element;
        public int Parent;
        public int FirstChild;
        public int LastChild;
        public int NextSibling;
        public int Start;
        public int Length;
        public NodeFlags Flags;
    }
}

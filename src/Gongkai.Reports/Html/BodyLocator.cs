namespace Gongkai.Reports.Html;

/// <summary>Where the report is in a page's blocks, and the chrome around it kept for metadata.</summary>
internal sealed class BodyLayout
{
    /// <summary>The report's lines and tables, chrome removed.</summary>
    public List<PageBlock> Body { get; } = [];

    /// <summary>Lines above the report (title, info line, breadcrumb …).</summary>
    public List<string> Before { get; } = [];

    /// <summary>Lines below the report (footer, related entries …).</summary>
    public List<string> After { get; } = [];

    /// <summary>Chrome lines removed from within the report's span.</summary>
    public List<string> Removed { get; } = [];
}

/// <summary>
/// Finds the report in a page by text density: every block scores its non-link characters, link-heavy blocks
/// and chrome score against, and the report is the contiguous run of blocks with the highest total (a maximum
/// subarray). CMS templates differ in markup, not in this shape: navigation and footers are short, linked or
/// chrome-worded; the report is long running text and tables.
/// </summary>
internal static class BodyLocator
{
    private const int ChromePenalty = 40;
    private const int LinePenalty = 6;
    private const int MaxEdgeLines = 3;
    private const int MaxEdgeLineChars = 40;

    public static BodyLayout Locate(IReadOnlyList<PageBlock> blocks)
    {
        var kinds = new ChromeKind[blocks.Count];
        var scores = new int[blocks.Count];
        var infobox = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.IsTable)
            {
                scores[i] = block.Chars - (3 * block.LinkChars);
                infobox = false;
                continue;
            }

            // Lines too long for chrome are never matched against it (no match text needed).
            var match = block.Text.Length > 2 * ChromeLine.MaxChromeLength ? block.Text : ChineseScript.ToMatchText(block.Text);
            var kind = ChromeLine.Classify(match);
            if (kind == ChromeKind.None && infobox && ChromeLine.IsBullet(block.Text))
            {
                kind = ChromeKind.Wrapper;
            }
            else if (ChromeLine.OpensInfobox(match))
            {
                kind = ChromeKind.Wrapper;
                infobox = true;
            }
            else if (kind == ChromeKind.None)
            {
                infobox = false;
            }

            kinds[i] = kind;
            scores[i] = kind switch
            {
                ChromeKind.None when block.LinkChars * 2 > block.Chars => -block.Chars - LinePenalty,
                // A figure alone on its line is a table cell of a copy that lost its markup, not a short nav line.
                ChromeKind.None when block.LinkChars == 0 && block.Chars <= 16 && Numbers.NumberReader.ReadCell(match).Kind == Numbers.WrittenNumberKind.Number => block.Chars,
                ChromeKind.None => block.Chars - (2 * block.LinkChars) - LinePenalty,
                ChromeKind.Noise => -1,
                _ => -ChromePenalty,
            };
        }

        var (start, end) = BestRun(scores);
        (start, end) = (Extend(blocks, kinds, start, -1), Extend(blocks, kinds, end, +1));
        var layout = new BodyLayout();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (i < start || i > end)
            {
                if (!block.IsTable)
                {
                    (i < start ? layout.Before : layout.After).Add(block.Text);
                }

                continue;
            }

            switch (kinds[i])
            {
                case ChromeKind.None:
                    layout.Body.Add(block);
                    break;
                case ChromeKind.Noise:
                    break;
                default:
                    layout.Removed.Add(block.Text);
                    break;
            }
        }

        return layout;
    }

    /// <summary>
    /// Short lines at the edges of the run (a heading just after chrome, a signature and date at the end)
    /// score below zero on their own; take them in while they are plain, unlinked text.
    /// </summary>
    private static int Extend(IReadOnlyList<PageBlock> blocks, ChromeKind[] kinds, int edge, int step)
    {
        for (var taken = 0; taken < MaxEdgeLines; taken++)
        {
            var next = edge + step;
            if (next < 0 || next >= blocks.Count || blocks[next].IsTable || blocks[next].LinkChars > 0
                || kinds[next] != ChromeKind.None || blocks[next].Chars > MaxEdgeLineChars)
            {
                break;
            }

            edge = next;
        }

        return edge;
    }

    /// <summary>Kadane's maximum subarray.</summary>
    private static (int Start, int End) BestRun(int[] scores)
    {
        long best = long.MinValue, current = 0;
        int bestStart = 0, bestEnd = -1, currentStart = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (current <= 0)
            {
                current = 0;
                currentStart = i;
            }

            current += scores[i];
            if (current > best)
            {
                (best, bestStart, bestEnd) = (current, currentStart, i);
            }
        }

        // A page too small to outweigh its chrome (a title and a line) is all body.
        return best <= 0 ? (0, scores.Length - 1) : (bestStart, bestEnd);
    }
}

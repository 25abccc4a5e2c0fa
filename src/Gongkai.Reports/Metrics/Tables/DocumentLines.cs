namespace Gongkai.Reports.Metrics.Tables;

/// <summary>The lines of a document's text, each with whether it lies inside a markup table's grid.</summary>
internal static class DocumentLines
{
    public static IEnumerable<(int Start, int End, bool InsideGrid)> Of(ReportDocument document)
    {
        var match = document.MatchText;
        var tableIndex = 0;
        var lineStart = 0;
        while (lineStart < match.Length)
        {
            var lineEnd = match.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = match.Length;
            }

            while (tableIndex < document.Tables.Count && document.Tables[tableIndex].End <= lineStart)
            {
                tableIndex++;
            }

            yield return (lineStart, lineEnd, tableIndex < document.Tables.Count && document.Tables[tableIndex].Start <= lineStart);
            lineStart = lineEnd + 1;
        }
    }
}

using System.Text;

namespace Gongkai.Reports.Documents;

/// <summary>
/// Where in the attachment each part of the report text came from: the PDF page of each line and table row, the
/// sheet cell of each spreadsheet table slot. Adds <see cref="MetricProvenance.Page"/> and
/// <see cref="MetricProvenance.Cell"/> to the figures.
/// </summary>
internal sealed class DocumentMap
{
    private readonly List<(int Start, int Page)> linePages = [];
    private readonly List<BlockOrigin> tables = [];

    /// <summary>Pairs the blocks' origins with the lines and tables the text was assembled from (one each, in order).</summary>
    public DocumentMap(IReadOnlyList<Html.PageBlock> blocks, IReadOnlyList<BlockOrigin> origins, IReadOnlyList<(int Start, int End)> lines)
    {
        var line = 0;
        for (var i = 0; i < blocks.Count && i < origins.Count; i++)
        {
            if (blocks[i].IsTable)
            {
                tables.Add(origins[i]);
            }
            else if (line < lines.Count)
            {
                if (origins[i].Page is { } page)
                {
                    linePages.Add((lines[line].Start, page));
                }

                line++;
            }
        }
    }

    public IReadOnlyDictionary<string, ReportMetric> Locate(IReadOnlyDictionary<string, ReportMetric> metrics)
    {
        var located = new Dictionary<string, ReportMetric>(metrics.Count, StringComparer.Ordinal);
        foreach (var (key, metric) in metrics)
        {
            located[key] = metric with { Provenance = Locate(metric.Provenance) };
        }

        return located;
    }

    private MetricProvenance Locate(MetricProvenance provenance)
    {
        if (provenance.Table is { } t && t < tables.Count)
        {
            var origin = tables[t];
            if (provenance.Row is not { } row)
            {
                // A figure derived from a table's rows: the page the table starts on.
                return origin.Page is { } first ? provenance with { Page = first } : provenance;
            }

            if (origin.RowPages is { } pages && row < pages.Count)
            {
                return provenance with { Page = pages[row] };
            }

            if (origin.Sheet is { } sheet && origin.SheetRows is { } rows && origin.SheetColumns is { } columns
                && row < rows.Count && provenance.Column is { } column && column < columns.Count)
            {
                return provenance with { Cell = $"{sheet}!{ColumnName(columns[column])}{rows[row] + 1}" };
            }

            return provenance;
        }

        if (provenance.Start is { } start && PageAt(start) is { } page)
        {
            return provenance with { Page = page };
        }

        return provenance;
    }

    private int? PageAt(int offset)
    {
        int? page = null;
        foreach (var (start, p) in linePages)
        {
            if (start > offset)
            {
                break;
            }

            page = p;
        }

        return page;
    }

    /// <summary>A spreadsheet column's letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int column)
    {
        var name = new StringBuilder();
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name.Insert(0, (char)('A' + ((n - 1) % 26)));
        }

        return name.ToString();
    }
}

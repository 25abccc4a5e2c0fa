using System.Globalization;
using Azure.Data.Tables;
using Gongkai.Reports;

namespace Gongkai.Functions.Records;

/// <summary>The index rows a report's current version produces. A pure function of the record, so rewriting is idempotent.</summary>
public static class IndexRows
{
    /// <summary>
    /// Rows of the ReportIndex table: the report under its agency and under its year. The agency row also carries the
    /// figures (<c>MetricsJson</c>), so one partition query answers an agency's metric over the years.
    /// </summary>
    public static IEnumerable<TableEntity> ReportIndex(ReportRecord record)
    {
        var summary = record.Summary;
        if (summary.Agency is { Length: > 0 } agency)
        {
            var row = new TableEntity(IndexKeys.AgencyPartition(agency), IndexKeys.AgencyReportRow(summary.Year, record.Id));
            summary.WriteTo(row);
            row[MetricsColumn] = record.MetricsJson();
            yield return row;
        }
        if (summary.Year is int year)
        {
            var row = new TableEntity(IndexKeys.YearPartition(year), record.Id);
            summary.WriteTo(row);
            yield return row;
        }
    }

    /// <summary>The column of an agency's ReportIndex rows holding the report's figures, as the Reports row does.</summary>
    public const string MetricsColumn = "MetricsJson";

    /// <summary>
    /// Rows of the report's year's MetricIndex table: each figure ranked within its year. One row per figure is the whole
    /// cost of the ranking; an agency's figures over the years come from its ReportIndex rows instead of a second row per figure.
    /// </summary>
    public static IEnumerable<TableEntity> MetricIndex(ReportRecord record)
    {
        if (record.Summary.Year is not int year)
        {
            return [];
        }
        var rows = new List<TableEntity>(record.Metrics.Count);
        foreach (var (key, value) in record.Metrics)
        {
            var ranking = new TableEntity(IndexKeys.YearPartition(year), IndexKeys.RankingRow(key, value, record.Id));
            WriteMetric(ranking, record, value);
            rows.Add(ranking);
        }
        return rows;
    }

    /// <summary>The agency's row in the agency list; merged, so each report adds its year as a <c>Y{year}</c> column.</summary>
    public static TableEntity? AgencyListRow(ReportRecord record)
    {
        if (record.Summary.Agency is not { Length: > 0 } agency)
        {
            return null;
        }
        var row = new TableEntity(IndexKeys.AgenciesPartition, IndexKeys.AgencyRow(agency))
        {
            ["Agency"] = agency,
            ["Province"] = record.Summary.Province,
            ["City"] = record.Summary.City,
            ["County"] = record.Summary.County,
        };
        if (record.Summary.Year is int year)
        {
            row["Y" + IndexKeys.Year(year)] = record.Id;
        }
        return row;
    }

    /// <summary>The agency-list column the record fills (<c>Y{year}</c>), when it has an agency and a year.</summary>
    public static string? AgencyListYear(ReportRecord record) =>
        record.Summary is { Agency.Length: > 0, Year: int year } ? "Y" + IndexKeys.Year(year) : null;

    /// <summary>True for an agency-list column naming a year (<c>Y2023</c>).</summary>
    public static bool IsYearColumn(string name) => name.Length == 5 && name[0] == 'Y' && !name.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// A ranking row's columns: what a ranking lists and filters on (the region). The key and year are in the row's keys
    /// and the unit in the catalogue, so they are not repeated: every column is paid for on each of a report's ~100 rows.
    /// </summary>
    public static IReadOnlyList<string> MetricColumns { get; } = ["ReportId", "Agency", "Province", "City", "County", "Value"];

    private static void WriteMetric(TableEntity row, ReportRecord record, decimal value)
    {
        row["ReportId"] = record.Id;
        row["Agency"] = record.Summary.Agency;
        row["Province"] = record.Summary.Province;
        row["City"] = record.Summary.City;
        row["County"] = record.Summary.County;
        // The exact decimal as text: a double would turn 0.1 万元 into 0.1000000000000000055.
        row["Value"] = value.ToString("0.############", CultureInfo.InvariantCulture);
    }
}

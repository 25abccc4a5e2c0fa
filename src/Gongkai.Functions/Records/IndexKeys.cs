using System.Globalization;
using Gongkai.Harvest.Stores;

namespace Gongkai.Functions.Records;

/// <summary>
/// Partition and row keys of the index tables (docs/storage.md). <c>|</c> separates key parts because it sorts after
/// every character metric keys use, so <c>[key|, key}]</c> is exactly one key's range.
/// </summary>
public static class IndexKeys
{
    public const string AgenciesPartition = "agencies";
    public const char Separator = '|';

    public static string AgencyPartition(string agency) => "a:" + TableKey.Encode(agency);

    public static string YearPartition(int year) => "y:" + Year(year);

    public static string Year(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    public static string AgencyRow(string agency) => TableKey.Encode(agency);

    /// <summary>The agency's reports, in year order: <c>{year}|{id}</c> (<c>0000</c> when the year is unknown).</summary>
    public static string AgencyReportRow(int? year, string id) => $"{Year(year ?? 0)}{Separator}{id}";

    /// <summary>A metric's figures for a year, highest first: <c>{key}|{inverted value}|{id}</c>.</summary>
    public static string RankingRow(string key, decimal value, string id) => $"{key}{Separator}{InvertedValue(value)}{Separator}{id}";

    /// <summary>The row-key range holding exactly one metric key's rows.</summary>
    public static (string From, string To) KeyRange(string key) => (key + Separator, key + (char)(Separator + 1));

    // Four decimal places cover every unit in the catalogue (万元 amounts have at most four); the offset keeps
    // negative figures (本年增/减) in order. Range ±4.5e14, far beyond any reported count.
    private const decimal Scale = 10_000m;
    private const long Offset = 450_000_000_000_000_000L;

    /// <summary>Zero-padded so that ascending row keys list values in descending order.</summary>
    public static string InvertedValue(decimal value)
    {
        var scaled = (long)decimal.Round(Math.Clamp(value, -45_000_000_000_000m, 45_000_000_000_000m) * Scale, MidpointRounding.AwayFromZero);
        var inverted = (Offset * 2) - 1 - (scaled + Offset);
        return inverted.ToString("D19", CultureInfo.InvariantCulture);
    }
}

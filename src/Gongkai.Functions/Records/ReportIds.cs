using System.Security.Cryptography;
using System.Text;
using Gongkai.Reports;

namespace Gongkai.Functions.Records;

/// <summary>
/// A report is one agency's report for one year, wherever and whenever it was fetched; its id is derived from
/// those two so that every version of it (a changed page, a repost) lands on the same record.
/// Without both, the report is identified by the page it came from.
/// </summary>
public static class ReportIds
{
    public static string For(ParsedReport report, ReportVersion version)
    {
        if (!string.IsNullOrWhiteSpace(report.Agency) && report.ReportYear is int year)
        {
            return For(report.Agency, year);
        }
        var page = version.SourceUrl ?? version.Blob;
        return "p-" + Hash((version.PortalId ?? "") + "|" + page, 20);
    }

    /// <summary>The id of <paramref name="agency"/>'s report for <paramref name="year"/> (the agency as the parser names it).</summary>
    public static string For(string agency, int year) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year}-{Hash(agency.Trim(), 16)}");

    /// <summary>True when <paramref name="id"/> has the shape of an id this class makes (so junk is a 404, not a lookup).</summary>
    public static bool IsWellFormed(string id) =>
        id.Length is >= 21 and <= 22
        && (id.StartsWith("p-", StringComparison.Ordinal) ? id.Length == 22 && IsHex(id.AsSpan(2)) : id.Length == 21 && id[4] == '-' && char.IsAsciiDigit(id[0]) && char.IsAsciiDigit(id[1]) && char.IsAsciiDigit(id[2]) && char.IsAsciiDigit(id[3]) && IsHex(id.AsSpan(5)));

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static string Hash(string value, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..length];
}

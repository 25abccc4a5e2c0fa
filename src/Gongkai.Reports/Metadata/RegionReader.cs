using System.Text.RegularExpressions;

namespace Gongkai.Reports.Metadata;

/// <summary>
/// Reads province, prefecture and county from a Simplified name such as 广州市荔湾区人民政府: the province and
/// prefecture from <see cref="RegionTable"/> (a prefecture implies its province), the county from the next
/// place name in the text (…区, …县, …旗, …市).
/// </summary>
internal static partial class RegionReader
{
    private static readonly (string Name, string Province)[] Prefectures = BuildPrefectures();

    public static ReportRegion Read(string? simplifiedName)
    {
        if (string.IsNullOrEmpty(simplifiedName))
        {
            return ReportRegion.Unknown;
        }

        string? province = null;
        var after = 0;
        foreach (var name in RegionTable.Provinces.Keys)
        {
            var at = simplifiedName.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0)
            {
                province = name;
                after = at + name.Length;
                break;
            }
        }

        if (province is null)
        {
            foreach (var (shortName, full) in RegionTable.ProvinceShortNames)
            {
                if (simplifiedName.StartsWith(shortName, StringComparison.Ordinal))
                {
                    province = full;
                    after = shortName.Length;
                    break;
                }
            }
        }

        string? city = null;
        foreach (var (name, cityProvince) in Prefectures)
        {
            var at = simplifiedName.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0 && (province is null || province == cityProvince))
            {
                city = name;
                province ??= cityProvince;
                after = Math.Max(after, at + name.Length);
                break;
            }
        }

        if (province is not null && RegionTable.IsMunicipality(province))
        {
            city = province;
        }

        var county = County().Match(simplifiedName, after);
        return new ReportRegion(province, city, county.Success && county.Index == after ? county.Groups[1].Value : null);
    }

    // Longest names first, so 海南藏族自治州 is not read as 海南省's prefix and 吉林市 not as part of 吉林省.
    private static (string Name, string Province)[] BuildPrefectures() =>
        RegionTable.Provinces
            .SelectMany(p => p.Value.Select(city => (Name: city, Province: p.Key)))
            .OrderByDescending(p => p.Name.Length)
            .ToArray();

    [GeneratedRegex(@"\G((?:(?!局|委|厅|办|政府|部|院|会|处|所|中心|公司|人民|[0-9])\p{IsCJKUnifiedIdeographs}){1,8}?(?:自治县|自治旗|林区|新区|区|县|旗|市))", RegexOptions.CultureInvariant)]
    private static partial Regex County();
}

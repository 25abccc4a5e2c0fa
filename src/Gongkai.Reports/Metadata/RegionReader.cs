using System.Text.RegularExpressions;

namespace Gongkai.Reports.Metadata;

/// <summary>
/// Reads province, prefecture and county from a Simplified name such as 广州市荔湾区人民政府. Province and prefecture
/// come from <see cref="RegionTable"/> (a prefecture implies its province; 恩施州 is 恩施土家族苗族自治州); the county
/// is the place name right after them (…区, …县, …市, …旗, …自治县, a 开发区). A county written alone is placed by
/// the county table when its name is unique or the province settles it (义乌市 → 浙江省 金华市). Places the tables do
/// not know are read by their order: the first of two nested names is the prefecture (东江市青石区), a lone
/// unknown …市 is a prefecture, a lone …区/县 a county.
/// </summary>
internal static partial class RegionReader
{
    private static readonly string[] Peoples =
    [
        "土家族", "苗族", "朝鲜族", "藏族", "羌族", "彝族", "布依族", "侗族", "哈尼族", "壮族", "傣族", "白族", "景颇族",
        "傈僳族", "回族", "蒙古", "哈萨克", "柯尔克孜",
    ];

    private static readonly (string Name, string FullName, string Province)[] Prefectures = BuildPrefectures();

    public static ReportRegion Read(string? simplifiedName)
    {
        if (string.IsNullOrEmpty(simplifiedName))
        {
            return ReportRegion.Unknown;
        }

        var (province, after) = ReadProvince(simplifiedName);

        string? city = null;
        var hasZhou = simplifiedName.Contains('州');
        foreach (var (name, fullName, cityProvince) in Prefectures)
        {
            if (!hasZhou && !ReferenceEquals(name, fullName))
            {
                continue; // a short form (恩施州) cannot be in a name without 州
            }

            var at = simplifiedName.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0 && (province is null || province == cityProvince))
            {
                city = fullName;
                province ??= cityProvince;
                after = Math.Max(after, at + name.Length);
                break;
            }
        }

        if (province is not null && RegionTable.IsMunicipality(province))
        {
            city = province;
        }

        var first = County().Match(simplifiedName, after);
        if (!first.Success)
        {
            return new ReportRegion(province, city, null);
        }

        var county = first.Groups[1].Value;
        if (Locate(county, province, city) is { } place)
        {
            return new ReportRegion(place.Province, city ?? place.Prefecture, county);
        }

        if (city is not null || !IsPrefectureLike(county))
        {
            return new ReportRegion(province, city, county);
        }

        // A place the tables do not know (a new or renamed city): 东江市青石区 is a prefecture and its district;
        // a lone unknown …市 is a prefecture (the tables list every county-level city).
        var next = County().Match(simplifiedName, first.Index + first.Length);
        return new ReportRegion(province, county, next.Success ? next.Groups[1].Value : null);
    }

    private static (string? Province, int After) ReadProvince(string name)
    {
        foreach (var province in RegionTable.Provinces.Keys)
        {
            var at = name.IndexOf(province, StringComparison.Ordinal);
            if (at >= 0)
            {
                return (province, at + province.Length);
            }
        }

        foreach (var (shortName, full) in RegionTable.ProvinceShortNames)
        {
            if (name.StartsWith(shortName, StringComparison.Ordinal))
            {
                return (full, shortName.Length);
            }
        }

        // A province named in brackets: 中国（上海）自由贸易试验区, 中国（广东）自由贸易试验区.
        var open = name.IndexOfAny(['（', '(']);
        if (open >= 0)
        {
            var close = name.IndexOfAny(['）', ')'], open + 1);
            if (close > open + 1 && ProvinceByShortName(name.AsSpan(open + 1, close - open - 1)) is { } bracketed)
            {
                return (bracketed, close + 1);
            }
        }

        return (null, 0);
    }

    private static string? ProvinceByShortName(ReadOnlySpan<char> shortName)
    {
        foreach (var province in RegionTable.Provinces.Keys)
        {
            if (province.AsSpan().StartsWith(shortName, StringComparison.Ordinal) && province.Length > shortName.Length
                && province.AsSpan(shortName.Length) is "省" or "市" or "自治区" or "壮族自治区" or "回族自治区" or "维吾尔自治区" or "特别行政区")
            {
                return province;
            }
        }

        return null;
    }

    /// <summary>The county table's place for the name, when the name is unique or the province or prefecture settles it.</summary>
    private static CountyPlace? Locate(string county, string? province, string? city)
    {
        if (!RegionTable.Counties.TryGetValue(county, out var places))
        {
            return null;
        }

        CountyPlace? found = null;
        foreach (var place in places)
        {
            if ((province is not null && place.Province != province) || (city is not null && place.Prefecture != city))
            {
                continue;
            }

            if (found is not null)
            {
                return null; // still ambiguous (鼓楼区 with no city written)
            }

            found = place;
        }

        return found;
    }

    private static bool IsPrefectureLike(string place) => place.EndsWith('市');

    // Longest names first, so 海南藏族自治州 is not read as 海南省's prefix and 吉林市 not as part of 吉林省. An
    // autonomous prefecture is also written short: 恩施州, 黔东南州, 西双版纳州 (the place name before the peoples).
    private static (string Name, string FullName, string Province)[] BuildPrefectures() =>
        RegionTable.Provinces
            .SelectMany(p => p.Value.SelectMany(city => Names(city).Select(name => (Name: name, FullName: city, Province: p.Key))))
            .OrderByDescending(p => p.Name.Length)
            .ToArray();

    private static IEnumerable<string> Names(string prefecture)
    {
        yield return prefecture;
        if (prefecture.EndsWith("自治州", StringComparison.Ordinal) && PeoplesStart(prefecture) is > 1 and var at)
        {
            yield return string.Concat(prefecture.AsSpan(0, at), "州");
        }
    }

    private static int PeoplesStart(string prefecture)
    {
        var first = prefecture.Length - "自治州".Length;
        foreach (var people in Peoples)
        {
            var at = prefecture.IndexOf(people, StringComparison.Ordinal);
            if (at > 0 && at < first)
            {
                first = at;
            }
        }

        return first;
    }


    // A county-level name: up to 8 characters that are not an agency's words, then the kind of place. Zones
    // (经济技术开发区, 高新区, 新区) are county-level in practice and end in 区 too.
    [GeneratedRegex(@"\G((?:(?!局|委|厅|办|政府|部|院|会|处|所|中心|公司|人民|试验|[0-9])\p{IsCJKUnifiedIdeographs}){1,8}?(?:自治县|自治旗|林区|特区|新区|区|县|旗|市))", RegexOptions.CultureInvariant)]
    private static partial Regex County();
}

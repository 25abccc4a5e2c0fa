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

    private static readonly (string Stem, string City, string Province)[] CityStems = BuildCityStems();

    // Where an agency's own name begins (as in the county pattern): the place before it is a zone or district.
    private static readonly string[] AgencyWords = ["局", "委", "厅", "办", "政府", "部", "院", "会", "处", "所", "中心", "公司", "人民", "管理"];

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

        var stemEnd = -1;
        if (city is null && CityByStem(simplifiedName, after, province) is { } stem)
        {
            (city, province, stemEnd) = stem;
        }

        if (province is not null && RegionTable.IsMunicipality(province))
        {
            city = province;
        }

        // After a city written without 市, the district is read after the city's name (苏州吴中区 → 吴中区) when the
        // county table knows it there; otherwise the zone keeps its name as written (黄山风景区).
        if (stemEnd > 0 && County().Match(simplifiedName, stemEnd) is { Success: true } district
            && Locate(district.Groups[1].Value, province, city) is { } districtPlace)
        {
            return new ReportRegion(districtPlace.Province, city, district.Groups[1].Value);
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

    /// <summary>
    /// A prefecture-level city written without its 市 before a zone or district (深圳前海深港现代服务业合作区管理局,
    /// 苏州吴中区): its name must start the place (at the start, or right after the province), a zone or district
    /// (…区, …县) must follow before the agency's words, and nothing else may read there — not a county of another
    /// city (大同区 is in 大庆市, not 大同市), not a province (吉林). Anything less is not a city.
    /// </summary>
    private static (string City, string Province, int End)? CityByStem(string name, int at, string? province)
    {
        foreach (var (stem, city, cityProvince) in CityStems)
        {
            if (!name.AsSpan(at).StartsWith(stem, StringComparison.Ordinal) || (province is not null && province != cityProvince))
            {
                continue;
            }

            var end = at + stem.Length;
            var agency = name.Length;
            foreach (var word in AgencyWords)
            {
                var w = name.IndexOf(word, end, StringComparison.Ordinal);
                if (w >= 0 && w < agency)
                {
                    agency = w;
                }
            }

            // A neighbourhood (北海社区, 中山小区) is named after anything; a zone or district is a place of the city.
            var place = name.AsSpan(end, agency - end);
            var zone = place.LastIndexOfAny('区', '县');
            if (zone < 1 || place[..(zone + 1)].EndsWith("社区", StringComparison.Ordinal) || place[..(zone + 1)].EndsWith("小区", StringComparison.Ordinal)
                || IsCountyOfAnotherCity(name, at, agency, city))
            {
                return null;
            }

            return (city, cityProvince, end);
        }

        return null;
    }

    // A county-level name of another prefecture that starts where the city's name does (中山区 is in 大连市).
    private static bool IsCountyOfAnotherCity(string name, int at, int end, string city)
    {
        for (var length = 2; at + length <= end; length++)
        {
            if (RegionTable.Counties.TryGetValue(name.Substring(at, length), out var places) && !places.Any(p => p.Prefecture == city))
            {
                return true;
            }
        }

        return false;
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

    // Prefecture-level cities by their name without 市 (深圳, 苏州), leaving out names that start another province's or
    // prefecture's name (吉林 → 吉林省) or that are one character long: those cannot say which city is meant.
    private static (string Stem, string City, string Province)[] BuildCityStems()
    {
        var others = RegionTable.Provinces.Keys.Concat(RegionTable.ProvinceShortNames.Keys).ToList();
        var cities = RegionTable.Provinces.SelectMany(p => p.Value.Select(city => (City: city, Province: p.Key))).ToList();
        return cities
            .Where(c => c.City.Length > 2 && c.City.EndsWith('市'))
            .Select(c => (Stem: c.City[..^1], c.City, c.Province))
            .Where(c => !others.Any(o => o.StartsWith(c.Stem, StringComparison.Ordinal))
                && !cities.Any(o => o.City != c.City && o.City.StartsWith(c.Stem, StringComparison.Ordinal)))
            .ToArray();
    }

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

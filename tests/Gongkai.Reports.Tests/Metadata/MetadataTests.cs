namespace Gongkai.Reports.Tests.Metadata;

using static Gongkai.Reports.Tests.Text.TextFixtures;

public sealed class MetadataTests
{
    private const string Sections = "\n一、概述\n全年工作有序推进，各项制度不断完善，政府信息公开工作取得明显成效。\n二、主动公开政府信息情况\n全年主动公开政府信息120条。";

    [Theory]
    [InlineData("2011年廣州市荔灣區人民政府信息公開年度報告", "广州市荔湾区人民政府", "廣州市荔灣區人民政府", 2011)]
    [InlineData("清远市清新区人民政府办公室2013年政府信息公开工作年度报告", "清远市清新区人民政府办公室", "清远市清新区人民政府办公室", 2013)]
    [InlineData("荆州市2011年政府信息公开年度报告", "荆州市", "荆州市", 2011)]
    [InlineData("关于北京市朝阳区财政局2020年度政府信息公开工作年度报告", "北京市朝阳区财政局", "北京市朝阳区财政局", 2020)]
    [InlineData("二〇一五年福州市鼓楼区人民政府政府信息公开工作年度报告", "福州市鼓楼区人民政府", "福州市鼓楼区人民政府", 2015)]
    [InlineData("福州市鼓楼区财政局关于2018年度政府信息公开工作年度报告", "福州市鼓楼区财政局", "福州市鼓楼区财政局", 2018)]
    [InlineData("青松镇2019年政府信息公开年报", "青松镇", "青松镇", 2019)]
    [InlineData("福州市2016年信息公开工作年度报告", "福州市", "福州市", 2016)]
    [InlineData("临港综合实验区2019年政府信息公开工作年度报告", "临港综合实验区", "临港综合实验区", 2019)]
    [InlineData("云湖新区2020年政府信息公开工作年度报告", "云湖新区", "云湖新区", 2020)]
    public void Agency_and_year_come_from_the_title(string title, string agency, string asWritten, int year)
    {
        var report = ParseText(title + Sections);
        Assert.Equal(title, report.Title);
        Assert.Equal(agency, report.Agency);
        Assert.Equal(asWritten, report.AgencyAsWritten);
        Assert.Equal(year, report.ReportYear);
    }

    [Theory]
    [InlineData("荆州市2011年政府信息公开年度报告", "本报告由荆州市人民政府办公室编印。", "荆州市人民政府")]
    [InlineData("青松镇2019年政府信息公开年报", "联系人：青松镇人民政府党政办。", "青松镇人民政府")]
    [InlineData("云湖新区2020年政府信息公开工作年度报告", "本区各部门认真落实。", "云湖新区")]
    public void A_place_is_written_as_its_government_only_when_the_document_names_it_so(string title, string line, string agency)
    {
        var report = ParseText(title + Sections + "\n" + line);

        Assert.Equal(agency, report.Agency);
    }

    [Theory]
    [InlineData("广州市荔湾区人民政府", "广东省", "广州市", "荔湾区")]
    [InlineData("湖北省荆州市人民政府", "湖北省", "荆州市", null)]
    [InlineData("吉林省吉林市船营区人民政府", "吉林省", "吉林市", "船营区")]
    [InlineData("上海市浦东新区人民政府", "上海市", "上海市", "浦东新区")]
    [InlineData("广西壮族自治区南宁市青秀区人民政府", "广西壮族自治区", "南宁市", "青秀区")]
    [InlineData("广州市市场监督管理局", "广东省", "广州市", null)]
    [InlineData("南沙区人民政府", "广东省", "广州市", "南沙区")]
    [InlineData("国家统计局", null, null, null)]
    [InlineData("东江市青石区人民政府", null, "东江市", "青石区")]
    [InlineData("东江市青石区财政局", null, "东江市", "青石区")]
    [InlineData("东江市人民政府", null, "东江市", null)]
    [InlineData("义乌市人民政府", "浙江省", "金华市", "义乌市")]
    [InlineData("浙江省义乌市市场监督管理局", "浙江省", "金华市", "义乌市")]
    [InlineData("琼海市人民政府", "海南省", null, "琼海市")]
    [InlineData("北京市朝阳区人民政府", "北京市", "北京市", "朝阳区")]
    [InlineData("朝阳区人民政府", null, null, "朝阳区")]
    [InlineData("长春市朝阳区人民政府", "吉林省", "长春市", "朝阳区")]
    [InlineData("辽宁省朝阳市人民政府", "辽宁省", "朝阳市", null)]
    [InlineData("重庆市石柱土家族自治县人民政府", "重庆市", "重庆市", "石柱土家族自治县")]
    [InlineData("湖北省恩施土家族苗族自治州人民政府", "湖北省", "恩施土家族苗族自治州", null)]
    [InlineData("恩施州来凤县人民政府", "湖北省", "恩施土家族苗族自治州", "来凤县")]
    [InlineData("内蒙古自治区锡林郭勒盟正蓝旗人民政府", "内蒙古自治区", "锡林郭勒盟", "正蓝旗")]
    [InlineData("新疆维吾尔自治区阿克苏地区库车市人民政府", "新疆维吾尔自治区", "阿克苏地区", "库车市")]
    [InlineData("天津市滨海新区人民政府", "天津市", "天津市", "滨海新区")]
    [InlineData("广东省人民政府办公厅", "广东省", null, null)]
    [InlineData("荆州市财政局", "湖北省", "荆州市", null)]
    [InlineData("鼓楼区人民政府", null, null, "鼓楼区")]
    [InlineData("福州市鼓楼区人民政府", "福建省", "福州市", "鼓楼区")]
    [InlineData("重庆两江新区管理委员会", "重庆市", "重庆市", "两江新区")]
    [InlineData("中国（上海）自由贸易试验区临港新片区管理委员会", "上海市", "上海市", null)]
    [InlineData("中国（广东）自由贸易试验区深圳前海蛇口片区管理委员会", "广东省", null, null)]
    [InlineData("广州市黄埔区发展和改革局", "广东省", "广州市", "黄埔区")]
    [InlineData("深圳前海深港现代服务业合作区管理局", "广东省", "深圳市", null)]
    [InlineData("苏州工业园区管理委员会", "江苏省", "苏州市", "苏州工业园区")]
    [InlineData("苏州吴中区人民政府", "江苏省", "苏州市", "吴中区")]
    [InlineData("江苏省南通经济技术开发区管理委员会", "江苏省", "南通市", "南通经济技术开发区")]
    [InlineData("广西北海银海区人民政府", "广西壮族自治区", "北海市", "银海区")]
    [InlineData("黄山风景区管理委员会", "安徽省", "黄山市", "黄山风景区")]
    [InlineData("吉林高新技术产业开发区管理委员会", null, null, null)] // 吉林 is a province and a city
    [InlineData("浙江省苏州工业园区管理委员会", "浙江省", null, "苏州工业园区")] // the province written contradicts the city
    [InlineData("中山大学", null, null, null)] // no zone or district after the city's name
    [InlineData("大同区人民政府", "黑龙江省", "大庆市", "大同区")] // a county, not 大同市 without its 市
    public void Region_is_read_from_the_agency_name(string agency, string? province, string? city, string? county)
    {
        var report = ParseText(agency + "2019年政府信息公开工作年度报告" + Sections);
        Assert.Equal(agency, report.Agency);
        Assert.Equal(new ReportRegion(province, city, county), report.Region);
    }

    [Theory]
    [InlineData("北海社区居民委员会")] // a neighbourhood named after a city, not a zone of it
    [InlineData("中山小区业主委员会")]
    public void A_city_name_without_its_shi_before_a_neighbourhood_is_not_a_city(string agency)
    {
        var report = ParseText(agency + "2019年政府信息公开工作年度报告" + Sections);
        Assert.Null(report.Region.City);
        Assert.Null(report.Region.Province);
    }

    [Fact]
    public void Agency_and_year_come_from_the_body_when_there_is_no_title()
    {
        var report = ParseText("根据《中华人民共和国政府信息公开条例》的规定，现公布广州市政务服务数据管理局信息公开工作年度报告。\n一、概述\n2018年，我局认真贯彻落实条例要求，扎实推行政务公开各项工作。\n二、主动公开政府信息情况\n2018年，我局主动公开政府信息445条。");
        Assert.Null(report.Title);
        Assert.Equal("广州市政务服务数据管理局", report.Agency);
        Assert.Equal(2018, report.ReportYear);
        Assert.Equal(new ReportRegion("广东省", "广州市", null), report.Region);
    }

    [Fact]
    public void A_date_before_the_reported_year_ended_is_kept_and_flagged()
    {
        var report = ParseText("(2018年2月21日)\n根据条例规定，现公布广州市政务服务数据管理局信息公开工作年度报告。\n一、概述\n2018年，我局扎实推行政务公开各项工作。\n二、主动公开政府信息情况\n2018年，我局主动公开政府信息445条。");
        Assert.Equal(2018, report.ReportYear);
        Assert.Equal(new DateOnly(2018, 2, 21), report.PublishedOn);
        var conflict = Assert.Single(report.Problems, p => p.Code == ProblemCodes.YearConflict);
        Assert.Equal("2018年2月21日", report.Text[conflict.Start!.Value..conflict.End!.Value]);
    }

    [Fact]
    public void Published_date_comes_from_the_info_line_and_agency_from_the_footer()
    {
        var report = ParseText("您现在的位置:首页 > 政务公开 > 政府信息公开年报\n来源:本网发布日期:2020-02-10\n一、总体情况\n2019年，在省、市政务公开工作部门的悉心指导下，我区认真贯彻落实条例，不断拓展信息公开领域和渠道。\n二、主动公开政府信息情况\n版权所有:广州市南沙区人民政府\n网站标识码:4401150002");
        Assert.Equal("广州市南沙区人民政府", report.Agency);
        Assert.Equal(2019, report.ReportYear);
        Assert.Equal(new DateOnly(2020, 2, 10), report.PublishedOn);
        Assert.DoesNotContain(report.Problems, p => p.Code == ProblemCodes.YearConflict);
    }

    [Fact]
    public void Listing_link_text_and_date_are_the_last_resort()
    {
        var source = new ReportSource(System.Text.Encoding.UTF8.GetBytes("一、概述\n全年工作有序推进。\n二、主动公开政府信息情况\n全年主动公开政府信息120条。"))
        {
            FileName = "r.txt",
            LinkText = "某某县人民政府2017年政府信息公开工作年度报告",
            LinkDate = new DateOnly(2018, 3, 30),
        };
        var report = new ReportParser().Parse(source);
        Assert.Equal(2017, report.ReportYear);
        Assert.Equal(new DateOnly(2018, 3, 30), report.PublishedOn);
        Assert.Equal("某某县人民政府2017年政府信息公开工作年度报告", report.Title);
        Assert.Equal("某某县人民政府", report.Agency);
    }

    [Fact]
    public void Missing_year_and_agency_are_problems()
    {
        var report = ParseText("一、概述\n工作有序推进。");
        Assert.Null(report.ReportYear);
        Assert.Null(report.Agency);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.YearMissing);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.AgencyMissing);
    }

    [Theory]
    [InlineData("http://www.example.gov.cn/zwgk/zfxxgknb/202001/t20200120_80576.html", 2020, 1, 20)]
    [InlineData("http://www.example.gov.cn/art/2018/2/28/art_46355_1634538.html", 2018, 2, 28)]
    public void Published_date_falls_back_to_the_article_url(string url, int year, int month, int day)
    {
        var source = new ReportSource(System.Text.Encoding.UTF8.GetBytes("一、概述\n2019年，我区工作有序推进。\n二、主动公开政府信息情况\n全年主动公开政府信息120条。"))
        {
            FileName = "r.txt",
            Url = new Uri(url),
            LinkDate = new DateOnly(2000, 1, 1),
        };
        Assert.Equal(new DateOnly(year, month, day), new ReportParser().Parse(source).PublishedOn);
    }

    [Fact]
    public void An_agency_named_by_level_only_is_placed_by_the_site()
    {
        const string Html = """
            <html><head><meta name="SiteName" content="广州市南沙区人民政府"><title>区政府办公室2019年政府信息公开工作年度报告</title></head>
            <body><h1>区政府办公室2019年政府信息公开工作年度报告</h1>
            <div><p>一、总体情况</p><p>2019年，区政府办公室认真贯彻落实政府信息公开条例，不断拓展信息公开领域和渠道。</p>
            <p>二、主动公开政府信息情况</p><p>全年主动公开政府信息1208条。</p></div></body></html>
            """;
        var report = Parse(System.Text.Encoding.UTF8.GetBytes(Html), "page.html");
        Assert.Equal("广州市南沙区政府办公室", report.Agency);
        Assert.Equal(new ReportRegion("广东省", "广州市", "南沙区"), report.Region);
        Assert.Equal("区政府办公室2019年政府信息公开工作年度报告", report.Title);
    }
}

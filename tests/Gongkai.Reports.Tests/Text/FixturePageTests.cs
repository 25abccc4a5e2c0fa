namespace Gongkai.Reports.Tests.Text;

using static TextFixtures;

/// <summary>Whole pages in the real CMS layouts and encodings, parsed end to end: metadata, structure, decisions.</summary>
public sealed class FixturePageTests
{
    [Fact]
    public void Trs_page_declared_gb2312_with_gb18030_characters_is_read_whole_without_its_chrome()
    {
        var bytes = Bytes("trs-2021.html", "gb18030");
        var report = Parse(bytes, "trs-2021.html");
        var document = Document(bytes, "trs-2021.html");

        Assert.Equal(new DecodingInfo("gb18030", "meta", "gb2312"), report.Decoding);
        Assert.Equal("丽水市青溪县自然资源局2021年政府信息公开工作年度报告", report.Title);
        Assert.Equal("丽水市青溪县自然资源局", report.Agency);
        Assert.Equal("丽水市青溪县自然资源局", report.AgencyAsWritten);
        Assert.Equal(new ReportRegion("浙江省", "丽水市", "青溪县"), report.Region);
        Assert.Equal(2021, report.ReportYear);
        Assert.Equal(new DateOnly(2022, 1, 18), report.PublishedOn);
        Assert.Equal(ReportScripts.Simplified, report.Script);
        Assert.Equal(["overview", "proactive", "requests", "review_litigation", "problems", "other"], Kinds(report));
        Assert.Equal("一、总体情况", report.Sections[0].Heading);

        // GB18030-only (龚䶮: U+4DAE is a four-byte GB18030 character) survives; chrome and scripts do not.
        Assert.Contains("龚䶮同志", report.Text, StringComparison.Ordinal);
        foreach (var chrome in new[] { "您现在的位置", "字号", "分享到", "扫一扫", "打印本页", "关闭窗口", "相关文章", "版权所有", "ICP备", "网站地图", "这段脚本", "TRS_Editor", "首页" })
        {
            Assert.DoesNotContain(chrome, report.Text, StringComparison.Ordinal);
        }

        Assert.StartsWith("本报告依据《中华人民共和国政府信息公开条例》编制", report.Text, StringComparison.Ordinal);
        Assert.EndsWith("丽水市青溪县自然资源局\n2022年1月17日", report.Text, StringComparison.Ordinal);
        Assert.Equal(3, document.Tables.Count);
        Assert.DoesNotContain(report.Problems, p => p.Code.StartsWith("text.", StringComparison.Ordinal) || p.Code.StartsWith("metadata.", StringComparison.Ordinal) || p.Code == ProblemCodes.StageFailed);
    }

    [Fact]
    public void Trs_page_tables_are_grids_with_merged_cells_blank_cells_and_full_width_digits()
    {
        var document = Document(Bytes("trs-2021.html", "gb18030"), "trs-2021.html");
        var table2 = document.Tables[0];
        Assert.Equal((4, 4), (table2.RowCount, table2.ColumnCount));
        Assert.True(table2[0, 0].IsOrigin);
        Assert.Equal(4, table2[0, 0].ColSpan);
        Assert.False(table2[0, 3].IsOrigin);
        Assert.Equal("第二十条第（一）项", table2[0, 3].Text);
        Assert.Equal("第二十条第(一)项", table2[0, 3].MatchText);
        Assert.Equal("２", table2[3, 1].Text);
        Assert.Equal("2", table2[3, 1].MatchText);
        Assert.Equal("９", document.Text.Substring(table2[3, 3].TextStart, 1));
        Assert.Equal("行政规范性文件\t２\t1\t９", document.Text[table2[3, 0].TextStart..table2.End]);

        // 表三: a header over three rows, the 本年度办理结果 label spanning rows, &nbsp; cells blank.
        var table3 = document.Tables[1];
        Assert.Equal((7, 10), (table3.RowCount, table3.ColumnCount));
        Assert.Equal("申请人情况", table3[0, 9].Text);
        Assert.Equal("自然人", table3[2, 3].Text);
        Assert.False(table3[2, 3].IsOrigin);
        Assert.Equal("法人或其他组织", table3[1, 8].Text);
        Assert.Equal("商业企业", table3[2, 4].Text);
        Assert.Equal("总计", table3[2, 9].Text);
        Assert.Equal("三、本年度办理结果", table3[6, 0].Text);
        Assert.Equal(2, table3[5, 0].RowSpan);
        Assert.Equal("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", table3[6, 2].Text);
        Assert.True(table3[6, 9].IsBlank);
        Assert.True(table3[6, 9].IsOrigin);
        Assert.Equal("16", table3[3, 9].Text);
        Assert.Equal(document.Text.IndexOf("\t16\n", StringComparison.Ordinal) + 1, table3[3, 9].TextStart);

        var table4 = document.Tables[2];
        Assert.Equal((4, 15), (table4.RowCount, table4.ColumnCount));
        Assert.Equal("复议后起诉", table4[1, 14].Text);
        Assert.Equal(["1", "0", "0", "0", "1"], table4.Row(3).Take(5).Select(c => c.Text).ToArray());
        Assert.Equal(document.Sections.Single(s => s.Kind == "review_litigation").End, table4.End);
    }

    [Fact]
    public void Hanweb_page_in_gbk_served_as_utf8_is_detected_and_the_lie_reported()
    {
        var report = Parse(Bytes("hanweb-2019.html", "gbk"), "hanweb-2019.html", "text/html; charset=utf-8");

        Assert.Equal(new DecodingInfo("gb18030", "detected", "utf-8"), report.Decoding);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.CharsetMismatch);
        Assert.Equal("荆门市东宝区青松镇人民政府2019年政府信息公开工作年度报告", report.Title);
        Assert.Equal("荆门市东宝区青松镇人民政府", report.Agency);
        Assert.Equal(new ReportRegion("湖北省", "荆门市", "东宝区"), report.Region);
        Assert.Equal(2019, report.ReportYear);
        Assert.Equal(new DateOnly(2020, 1, 15), report.PublishedOn);
        Assert.Equal(["overview", "proactive", "requests", "review_litigation", "problems", "other"], Kinds(report));
        Assert.StartsWith("一、总体情况\n2019年，青松镇", report.Text, StringComparison.Ordinal);
        Assert.EndsWith("六、其他需要报告的事项\n无。", report.Text, StringComparison.Ordinal);
        foreach (var chrome in new[] { "当前位置", "浏览次数", "字体", "打印本页", "版权所有", "技术支持", "机构概况" })
        {
            Assert.DoesNotContain(chrome, report.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Hanweb_layout_table_is_walked_and_its_nested_data_table_read_as_a_grid()
    {
        var document = Document(Bytes("hanweb-2019.html", "gbk"), "hanweb-2019.html", "text/html; charset=utf-8");
        var table = Assert.Single(document.Tables);
        Assert.Equal((4, 15), (table.RowCount, table.ColumnCount));
        Assert.Equal("结果维持", table[2, 0].Text);
        Assert.False(table[2, 0].IsOrigin);
        Assert.Equal("未经复议直接起诉", table[1, 9].Text);
        Assert.Equal("结果维持", table[2, 5].Text);
        Assert.True(table[2, 5].IsOrigin);
    }

    [Fact]
    public void Big5_page_without_any_charset_is_detected_and_read_as_traditional()
    {
        var report = Parse(Bytes("big5-traditional.html", "big5"), "big5-traditional.html");

        Assert.Equal(new DecodingInfo("big5", "detected"), report.Decoding);
        Assert.Equal(ReportScripts.Traditional, report.Script);
        Assert.Equal("廣州市海珠區人民政府2012年政府信息公開工作年度報告", report.Title);
        Assert.Equal("广州市海珠区人民政府", report.Agency);
        Assert.Equal("廣州市海珠區人民政府", report.AgencyAsWritten);
        Assert.Equal(new ReportRegion("广东省", "广州市", "海珠区"), report.Region);
        Assert.Equal(2012, report.ReportYear);
        Assert.Null(report.PublishedOn);
        Assert.Equal(["overview", "proactive", "requests", "fees", "review_litigation", "problems"], Kinds(report));
        Assert.Equal("五、因政府信息公開申請行政復議、提起行政訴訟的情況", report.Sections[4].Heading);
        Assert.DoesNotContain("版權所有", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hand_made_layout_table_page_keeps_the_report_and_its_statistics_table_and_reads_the_signature_date()
    {
        var bytes = Bytes("layout-table-2013.html");
        var report = Parse(bytes, "layout-table-2013.html");
        var document = Document(bytes, "layout-table-2013.html");

        Assert.Equal(new DecodingInfo("utf-8", "meta"), report.Decoding);
        Assert.Equal("韶关市乳源瑶族自治县教育局2013年政府信息公开工作年度报告", report.Title);
        Assert.Equal("韶关市乳源瑶族自治县教育局", report.Agency);
        Assert.Equal(new ReportRegion("广东省", "韶关市", "乳源瑶族自治县"), report.Region);
        Assert.Equal(2013, report.ReportYear);
        Assert.Equal(new DateOnly(2014, 3, 20), report.PublishedOn);
        Assert.Equal(["overview", "proactive", "requests", "fees", "review_litigation", "problems"], Kinds(report));
        Assert.StartsWith("韶关市乳源瑶族自治县教育局2013年政府信息公开工作年度报告\n本报告根据", report.Text, StringComparison.Ordinal);
        foreach (var chrome in new[] { "网站首页", "机构职能", "规划计划", "版权所有" })
        {
            Assert.DoesNotContain(chrome, report.Text, StringComparison.Ordinal);
        }

        var table = Assert.Single(document.Tables);
        Assert.Equal((6, 3), (table.RowCount, table.ColumnCount));
        Assert.Equal("（一）主动公开政府信息数", table[2, 0].Text);
        Assert.Equal("326", table[2, 2].Text);
        Assert.True(table[1, 2].IsBlank);

        // The statistics table's 一、/三、 rows are not section headings.
        Assert.All(report.Sections, s => Assert.False(s.Start >= table.Start && s.Start < table.End));
    }

    [Fact]
    public void Mixed_script_text_loses_its_pinyin_artifacts_and_is_called_mixed()
    {
        var report = Parse(Bytes("mixed-pinyin.txt"), "mixed-pinyin.txt");

        Assert.Equal(ReportScripts.Mixed, report.Script);
        Assert.DoesNotContain("(jù)", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(kāi)", report.Text, StringComparison.Ordinal);
        Assert.Contains("根據《中华人民共和国政府信息公開條例》的規定", report.Text, StringComparison.Ordinal);
        Assert.Contains("均已按時答復。", report.Text, StringComparison.Ordinal);
        var pinyin = Assert.Single(report.Problems, p => p.Code == ProblemCodes.PinyinArtifacts);
        Assert.Contains("13", pinyin.Message, StringComparison.Ordinal);
        Assert.Equal("东莞市石龙镇人民政府", report.Agency);
        Assert.Equal(new ReportRegion("广东省", "东莞市", null), report.Region);
        Assert.Equal(2016, report.ReportYear);
        Assert.Equal(["overview", "proactive", "requests", "fees", "review_litigation", "problems"], Kinds(report));
        Assert.Equal("三、依申請公開政府信息情況", report.Sections[2].Heading);
    }

    [Fact]
    public void Text_copy_that_lost_its_tables_keeps_its_headings_and_reads_metadata_from_its_chrome()
    {
        var report = Parse(Bytes("lost-tables-2020.txt"), "lost-tables-2020.txt");

        Assert.Equal(new DecodingInfo("utf-8", "detected"), report.Decoding);
        Assert.Equal("韶关市武江区人民政府", report.Agency);
        Assert.Equal(new ReportRegion("广东省", "韶关市", "武江区"), report.Region);
        Assert.Equal(2020, report.ReportYear);
        Assert.Equal(new DateOnly(2021, 1, 28), report.PublishedOn);
        Assert.Null(report.Title);
        Assert.Equal(["overview", "proactive", "requests", "review_litigation", "problems", "other"], Kinds(report));
        Assert.Equal(report.Sections[1].Start + "二、主动公开政府信息情况".Length, report.Sections[1].End);
        Assert.StartsWith("一、总体情况", report.Text, StringComparison.Ordinal);
        Assert.EndsWith("六、其他需要报告的事项\n无。", report.Text, StringComparison.Ordinal);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.TablesMissing);
        Assert.DoesNotContain(report.Metrics.Keys, k => k.StartsWith("requests.", StringComparison.Ordinal));
    }
}

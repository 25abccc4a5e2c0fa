using System.Text;

namespace Gongkai.Reports.Tests.Html;

public sealed class TableGridTests
{
    private static ReportDocument Read(string body) =>
        new ReportParser().ReadDocument(new ReportSource(Encoding.UTF8.GetBytes("<html><body><div>" + body + "</div></body></html>")) { FileName = "page.html" });

    [Fact]
    public void Rowspan_and_colspan_fill_every_slot_they_cover()
    {
        var document = Read("""
            <p>四、政府信息公开行政复议、行政诉讼情况</p>
            <table>
              <tr><td rowspan="2" colspan="2">行政复议</td><td>甲</td></tr>
              <tr><td>乙</td></tr>
              <tr><td>1</td><td>2</td><td>3</td></tr>
            </table>
            """);
        var table = Assert.Single(document.Tables);
        Assert.Equal((3, 3), (table.RowCount, table.ColumnCount));
        foreach (var (r, c) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            Assert.Equal("行政复议", table[r, c].Text);
            Assert.Equal((r, c) == (0, 0), table[r, c].IsOrigin);
            Assert.Equal((2, 2), (table[r, c].RowSpan, table[r, c].ColSpan));
            Assert.Equal(table[0, 0].TextStart, table[r, c].TextStart);
            Assert.Equal((r, c), (table[r, c].Row, table[r, c].Column));
        }

        Assert.Equal("乙", table[1, 2].Text);
        Assert.Equal(["1", "2", "3"], table.Row(2).Select(c => c.Text).ToArray());
        Assert.Equal(["甲", "乙", "3"], table.Column(2).Select(c => c.Text).ToArray());
        Assert.Equal("行政复议\t\t甲\n\t\t乙\n1\t2\t3", document.Text[table.Start..table.End]);
    }

    [Fact]
    public void Absurd_spans_are_clamped_to_the_table()
    {
        var document = Read("""
            <table>
              <tr><td rowspan="99999">标签</td><td colspan="100000">数值</td></tr>
              <tr><td>7</td></tr>
              <tr><td rowspan="-3" colspan="abc">8</td></tr>
            </table>
            """);
        var table = Assert.Single(document.Tables);
        Assert.Equal(3, table.RowCount);
        Assert.Equal(3, table[0, 0].RowSpan);
        Assert.Equal("7", table[1, 1].Text);
        Assert.Equal("8", table[2, 1].Text);
        Assert.Equal(1, table[2, 1].RowSpan);
        Assert.Equal(1, table[2, 1].ColSpan);
    }

    [Fact]
    public void Word_export_cells_read_as_their_text_with_blank_cells_empty()
    {
        var document = Read("""
            <table class="MsoNormalTable" border="1">
              <tr><td><p class="MsoNormal"><span style="font-family:宋体">行政许可</span></p></td>
                  <td><p class="MsoNormal"><span lang="EN-US">1,286<o:p></o:p></span></p></td></tr>
              <tr><td><p class="MsoNormal"><span>本年新收政府信息
            公开申请数量</span></p></td><td><p class="MsoNormal"><span>&nbsp;<o:p></o:p></span></p></td></tr>
            </table>
            """);
        var table = Assert.Single(document.Tables);
        Assert.Equal("1,286", table[0, 1].Text);
        Assert.Equal("本年新收政府信息公开申请数量", table[1, 0].Text);
        Assert.True(table[1, 1].IsBlank);
        Assert.Equal("", table[1, 1].MatchText);
    }

    [Fact]
    public void A_layout_table_holding_the_report_is_not_a_grid_but_its_data_table_is()
    {
        var document = Read("""
            <table><tr><td><a href="/">首页</a></td><td>
              <p>二、主动公开政府信息情况</p>
              <p>2019年，本机关主动公开政府信息情况如下，数据均来自政务公开工作台账的统计。</p>
              <table><tr><td>信息内容</td><td>本年新制作数量</td></tr><tr><td>规章</td><td>0</td></tr></table>
            </td></tr></table>
            """);
        var table = Assert.Single(document.Tables);
        Assert.Equal("本年新制作数量", table[0, 1].Text);
        Assert.Contains("二、主动公开政府信息情况\n2019年", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_column_and_link_tables_are_layout()
    {
        var document = Read("""
            <table><tr><td>2019年，我区共受理信息公开申请964件，主要以公民申请为主，办理情况在本报告第三部分说明。</td></tr>
                   <tr><td>2019年，我区政府网站发布信息5000条。</td></tr></table>
            <table><tr><td><a href="/a">政务公开</a></td><td><a href="/b">办事服务</a></td></tr>
                   <tr><td><a href="/c">互动交流</a></td><td><a href="/d">走进南沙</a></td></tr></table>
            """);
        Assert.Empty(document.Tables);
        Assert.Contains("我区共受理信息公开申请964件", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_rows_and_columns_are_dropped()
    {
        var document = Read("""
            <table>
              <tr><td>项目</td><td></td><td>数量</td></tr>
              <tr><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
              <tr><td>申请</td><td></td><td>5</td></tr>
            </table>
            """);
        var table = Assert.Single(document.Tables);
        Assert.Equal((2, 2), (table.RowCount, table.ColumnCount));
        Assert.Equal("5", table[1, 1].Text);
    }
}

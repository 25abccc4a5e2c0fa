using Gongkai.Reports.Html;

namespace Gongkai.Reports.Tests.Html;

/// <summary>
/// The parser's own HTML reader (tokenizer, tree builder, page walk) on the constructs real report pages hold:
/// what text each line reads and what grid each table becomes.
/// </summary>
public sealed class HtmlReaderTests
{
    private static PageContent Read(string html) => PageReader.Read(html.AsMemory());

    /// <summary>Each block as a reader sees it: a line's text, or a table as rows of cells joined by | and /.</summary>
    private static string[] Blocks(string html) => Read(html).Blocks.Select(Show).ToArray();

    private static string Show(PageBlock block)
    {
        if (block.Table is not { } table)
        {
            return block.Text;
        }

        var rows = new List<string>();
        for (var r = 0; r < table.RowCount; r++)
        {
            rows.Add(string.Join("|", Enumerable.Range(0, table.ColumnCount).Select(c => table.Cells[table.Slots[r, c]].Text)));
        }

        return "[" + string.Join(" / ", rows) + "]";
    }

    [Fact]
    public void Doctype_comments_and_processing_instructions_are_not_text()
    {
        Assert.Equal(
            ["甲乙", "丙"],
            Blocks("<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\"><p>甲<!-- 隐藏 <p>注释</p> -- 仍是注释 -->乙</p><!---->"
                + "<!-->丙"));
    }

    [Fact]
    public void Word_conditional_comments_hide_their_xml_and_keep_list_numbers()
    {
        Assert.Equal(
            ["正文", "1. 第一项"],
            Blocks("<p><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->正文</p>"
                + "<p class=MsoListParagraph><![if !supportLists]><span>1.<span style='font:7.0pt'>&nbsp;</span></span><![endif]>第一项</p>"));
    }

    [Fact]
    public void Cdata_sections_are_skipped_whole()
    {
        Assert.Equal(["甲乙"], Blocks("<p>甲<![CDATA[ if (a > b) { } ]]>乙</p>"));
    }

    [Fact]
    public void Raw_text_elements_end_only_at_their_own_end_tag()
    {
        var page = Read("<html><head><title>年报 &amp; <b>公开</title><script>document.write(\"<p>假</p></div>\");</script>"
            + "<style>p { color: red } </p></style></head><body><p>真</p><textarea><p>不显示</p></textarea>"
            + "<xmp><b>原样 &amp;</b></xmp><SCRIPT>if (a </SCRIPTX> b) {}</SCRIPT><p>后文</p></body></html>");
        Assert.Equal("年报 & <b>公开", page.HtmlTitle);
        Assert.Equal(["真", "<b>原样 &amp;</b>", "后文"], page.Blocks.Select(Show).ToArray());
    }

    [Fact]
    public void Namespaced_and_self_closing_office_tags_are_inline()
    {
        Assert.Equal(
            ["数量 12", "十五", "2019年1月1日"],
            Blocks("<p class=MsoNormal><span lang=EN-US>数量 12<o:p></o:p></span></p><p>十<o:p/>五</p>"
                + "<p><st1:chsdate Year=\"2019\" Month=\"1\" Day=\"1\" w:st=\"on\">2019年1月1日</st1:chsdate></p>"));
    }

    [Fact]
    public void Attributes_quoted_unquoted_duplicated_and_holding_angle_brackets()
    {
        Assert.Equal(
            ["[甲|乙 / 甲|丙]", "引号内的尖括号", "可见"],
            Blocks("<table border=1 class=MsoTableGrid><tr><td rowspan=2 rowspan=\"1\">甲</td><td colspan='1'>乙</td></tr><tr><td>丙</td></tr></table>"
                + "<p title='a>b' data-x=\"<p>\">引号内的尖括号</p><div style=\"color:red; DISPLAY : none\">隐藏</div>"
                + "<p hidden>隐藏</p><span style=visibility:hidden>隐藏</span><p style=\"display:block\">可见</p>"));
    }

    [Fact]
    public void Character_references_named_numeric_and_without_semicolons()
    {
        Assert.Equal(
            ["<a> &amp; 中文日 x ©2020 … ⋶ &NotAnEntity; – \uFFFD 𝔄 &# &x"],
            Blocks("<p>&lt;a&gt; &amp;amp; &#20013;&#x6587;&#26085 &nbsp;x &copy2020 &hellip; &notinvc; &NotAnEntity; &#150; &#0; &Afr; &# &x</p>"));
    }

    [Fact]
    public void Meta_content_and_attribute_references_are_decoded()
    {
        var page = Read("<head><meta name=\"ArticleTitle\" content=\"某区&amp;某局2019年报\"><meta property=og:site_name content=\"某区政府&#32;网站\">"
            + "<meta name=\"PubDate\" content=\"2020-01-20\" content=\"2021-01-01\"></head><body><p>正文</p></body>");
        Assert.Equal("某区&某局2019年报", page.Meta["articletitle"]);
        Assert.Equal("某区政府 网站", page.Meta["og:site_name"]);
        Assert.Equal("2020-01-20", page.Meta["pubdate"]);
    }

    [Fact]
    public void Unclosed_paragraphs_list_items_and_cells_close_as_in_a_browser()
    {
        Assert.Equal(
            ["一", "二", "甲", "乙", "[项目|数量 / 申请|5 / 答复|3]", "表后"],
            Blocks("<p>一<p>二<ul><li>甲<li>乙</ul><table><tr><th>项目<th>数量<tr><td>申请<td>5<tr><td>答复<td>3</table><p>表后"));
    }

    [Fact]
    public void Rows_implied_by_cells_directly_in_a_table_or_row_group()
    {
        Assert.Equal(
            ["[甲|乙 / 丙|丁 / 戊|己]"],
            Blocks("<table><td>甲<td>乙<tr><td>丙<td>丁</tr><tbody><td>戊</td><td>己</td></tbody></table>"));
    }

    [Fact]
    public void Stray_end_tags_close_nothing_outside_their_scope()
    {
        Assert.Equal(
            ["甲乙", "[单元格甲乙|丙 / 1|2]", "丁"],
            Blocks("<div><p>甲</span>乙</p></td></tr></table>"
                + "<table><tr><td>单元格甲</div>乙</td><td>丙</td></tr><tr><td>1</td><td>2</td></tr></table>丁</div></body></html>"));
    }

    [Fact]
    public void End_tags_br_and_p_without_an_open_paragraph_break_lines()
    {
        Assert.Equal(["甲", "乙", "丙"], Blocks("<div>甲</br>乙</p>丙</div>"));
    }

    [Fact]
    public void A_table_started_outside_any_cell_ends_the_open_table()
    {
        Assert.Equal(
            ["[甲|乙 / 1|2]", "[丙|丁 / 3|4]"],
            Blocks("<table><tr><td>甲</td><td>乙</td></tr><tr><td>1</td><td>2</td></tr><table><tr><td>丙</td><td>丁</td></tr><tr><td>3</td><td>4</td></tr></table>"));
    }

    [Fact]
    public void Text_in_a_table_outside_its_cells_and_its_caption_read_before_the_table()
    {
        Assert.Equal(
            ["表外文字说明", "[甲|乙 / 1|2]", "表一 收到申请情况", "[甲|乙 / 1|2]"],
            Blocks("<table><tr><td>甲</td><td>乙</td></tr>表外文字<tr><td>1</td><b>说明</b><td>2</td></tr></table>"
                + "<table><colgroup><col width=20></colgroup><caption>表一 收到申请情况</caption><tr><td>甲</td><td>乙</td></tr><tr><td>1</td><td>2</td></tr></table>"));
    }

    [Fact]
    public void A_data_table_nested_in_a_layout_table_is_a_grid_and_the_layout_cells_are_lines()
    {
        Assert.Equal(
            ["导航", "二、主动公开情况", "[信息内容|本年新制作数量 / 规章|0 / 规范性文件|12]", "注：数据截至年底。"],
            Blocks("<table width=100%><tr><td>导航</td><td><p>二、主动公开情况</p><table border=1><tr><td>信息内容<td>本年新制作数量"
                + "<tr><td>规章<td>0<tr><td>规范性文件<td>12</table><p>注：数据截至年底。</td></tr></table>"));
    }

    [Fact]
    public void A_page_without_body_or_end_of_head_still_reads_its_text()
    {
        var page = Read("<html><head><title>标题</title><meta name=SiteName content=某区政府>正文一<p>正文二");
        Assert.Equal("标题", page.HtmlTitle);
        Assert.Equal("某区政府", page.Meta["sitename"]);
        Assert.Equal(["正文一", "正文二"], page.Blocks.Select(Show).ToArray());
    }

    [Fact]
    public void A_lone_angle_bracket_is_text()
    {
        Assert.Equal(["1 < 2 且 3<4 <", "5 7"], Blocks("<p>1 < 2 且 3<4 <</p><p>5 </ 6> 7</p>"));
    }

    [Theory]
    [InlineData("<p>甲</p><p>乙<span class=\"x", new[] { "甲", "乙" })]
    [InlineData("<p>甲</p><p>乙<!-- 未完", new[] { "甲", "乙" })]
    [InlineData("<p>甲</p><script>var a = '<p>", new[] { "甲" })]
    [InlineData("<p>甲&am", new[] { "甲&am" })]
    [InlineData("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4", new[] { "[1|2 / 3|4]" })]
    [InlineData("<p>甲</p><", new[] { "甲", "<" })]
    public void Truncated_input_reads_what_is_there(string html, string[] expected) => Assert.Equal(expected, Blocks(html));

    [Fact]
    public void Nesting_deeper_than_a_page_is_reported_not_walked()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", PageReader.MaxNesting)) + "正文";
        var page = Read(html);
        Assert.NotNull(page.Fallback);
        Assert.Equal(["正文"], page.Blocks.Select(Show).ToArray());
    }

    [Fact]
    public void Links_count_their_characters_inside_and_after_nested_markup()
    {
        var page = Read("<p><a href=/a><b>首页</b></a> 正文 <a href=/b>更多<a href=/c>其他</a></a>文字</p>");
        var line = Assert.Single(page.Blocks);
        Assert.Equal("首页 正文 更多其他文字", line.Text);
        Assert.Equal((10, 6), (line.Chars, line.LinkChars));
    }

    [Fact]
    public void Random_tag_soup_never_throws_and_keeps_every_visible_word()
    {
        // Tags that never hide or change text: whatever their nesting, every word must be read.
        string[] visible =
        [
            "<p>", "</p>", "<div>", "</div>", "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<tbody>",
            "</tbody>", "<li>", "</ul>", "<a href=x>", "</a>", "<br>", "</br>", "<o:p>", "</o:p>", "<o:p/>", "<span>", "</span>",
            "<h2>", "</h3>", "<dd>", "<dt>", "<col>", "<colgroup>", "</body>", "</html>", "<td rowspan=2>", "<caption>", "<b>", "</i>",
            "<!-- x -->", "<!DOCTYPE html>", "<![if !supportLists]>", "<![endif]>", "<?xml?>", "</td></tr></table>",
        ];
        string[] anything =
        [
            .. visible, "<span style='display:none'>", "<script>", "</script>", "<style>", "<title>", "</title>", "<xmp>", "</xmp>",
            "<!--", "-->", "<![CDATA[", "]]>", "&nbsp;", "&amp", "&#", "&#x", "&#12345;", "&copy", "<", ">", "</", "<td rowspan='3",
            "\"", "'", "=", "<head>", "</head>", "<body>", "<textarea>", "<plaintext>", "<td rowspan=0 colspan=99>", "<meta name=a content=b>",
        ];
        var random = new Random(20261122);
        for (var i = 0; i < 4000; i++)
        {
            var checkWords = i % 2 == 0;
            var pieces = checkWords ? visible : anything;
            var html = new System.Text.StringBuilder();
            var words = new List<string>();
            for (var j = random.Next(1, 80); j > 0; j--)
            {
                if (random.Next(3) == 0)
                {
                    words.Add("字" + j);
                    html.Append("字").Append(j);
                }
                else
                {
                    html.Append(pieces[random.Next(pieces.Length)]);
                }
            }

            var page = Read(html.ToString());
            var text = string.Concat(page.Blocks.Select(Show));
            if (checkWords)
            {
                // Text a table holds outside its cells moves before the table (as in a browser), so order is not checked.
                foreach (var word in words)
                {
                    Assert.True(ContainsWord(text, word), $"“{word}” is missing from “{text}” read from “{html}”");
                }
            }
        }
    }

    private static bool ContainsWord(string text, string word)
    {
        // 字4 must not be found inside 字45.
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if (end == text.Length || !char.IsAsciiDigit(text[end]))
            {
                return true;
            }
        }

        return false;
    }
}

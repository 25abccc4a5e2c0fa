using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gongkai.Web.Tests;

/// <summary>
/// The page as a person uses it, in headless Chromium against the app with the sample portal harvested: every check
/// compares what the page shows with what the API answers for the same question, and every test fails on any console
/// error, uncaught error or failed request. Each view is saved as a screenshot under the test output.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WebPageTests(WebApp app)
{
    private const string Key = "requests.new_received";

    [Fact]
    public async Task Finds_reports_by_an_agency_typed_in_Traditional_script()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.GoToAsync("");
        await page.GetByLabel("机关 Agency").FillAsync(HandWrittenReports.AgencyAsWritten.Replace("白沙區", "青石區", StringComparison.Ordinal));
        await page.GetByLabel("年度 Year").FillAsync("2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "查找 Search" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("agency=", StringComparison.Ordinal));

        var expected = await ApiAsync($"api/reports?agency={Uri.EscapeDataString("东江市青石区人民政府")}&year=2023");
        var ids = expected.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(ids);
        var results = page.Locator("main table.data tbody tr td:first-child a");
        await Assertions.Expect(results).ToHaveCountAsync(ids.Count);
        var links = await results.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(ids.Select(id => "#/report/" + id), links);
        await browser.ScreenshotAsync("reports");

        await page.Locator("main table.data tbody a").First.ClickAsync();
        await page.Locator("article.report-text mark.fig").First.WaitForAsync();
        Assert.Equal(expected.GetProperty("items")[0].GetProperty("title").GetString(), await page.Locator("main h1").TextContentAsync());
        await page.Locator($"[id='fig-{Key}']").HoverAsync();
        await Assertions.Expect(page.Locator("#figure-card")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("report", fullPage: false);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Every_located_figure_of_every_report_is_highlighted_where_the_API_says_it_was_read()
    {
        await using var browser = await app.OpenAsync();
        var reports = await ApiAsync("api/reports?top=100");
        var checkedFigures = 0;
        foreach (var summary in reports.GetProperty("items").EnumerateArray())
        {
            var id = summary.GetProperty("id").GetString()!;
            var report = await ApiAsync("api/reports/" + id);
            var text = report.GetProperty("text").GetString()!;
            var located = new Dictionary<string, (string Text, decimal Value)>(StringComparer.Ordinal);
            var elsewhere = new List<string>();
            foreach (var metric in report.GetProperty("metrics").EnumerateArray())
            {
                var key = metric.GetProperty("key").GetString()!;
                var provenance = metric.GetProperty("provenance");
                if (provenance.TryGetProperty("start", out var start) && provenance.TryGetProperty("end", out var end) && start.GetInt32() < end.GetInt32())
                {
                    located[key] = (text[start.GetInt32()..end.GetInt32()].Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal),
                        metric.GetProperty("value").GetDecimal());
                }
                else
                {
                    elsewhere.Add(key);
                }
            }

            await browser.GoToAsync("#/report/" + id);
            var shown = Highlights(await browser.Page.EvaluateAsync<string>(HighlightsScript));
            Assert.Equal(located.Keys.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, (expectedText, value)) in located)
            {
                Assert.Equal(expectedText, shown[key].Text);
                Assert.Equal(value, shown[key].Value);
                Assert.True(shown[key].First, $"{id}: no element fig-{key} to link to");
            }
            // Figures without a place in the text (derived ones) are still listed, with how they were had.
            var listed = await browser.Page.Locator("aside table.figures tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)");
            Assert.Equal(report.GetProperty("metrics").GetArrayLength(), listed.Length);
            Assert.Superset(elsewhere.ToHashSet(), listed.ToHashSet());
            checkedFigures += located.Count;
        }
        Assert.True(checkedFigures > 1000, $"only {checkedFigures} figures checked");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_figure_shows_its_key_value_and_unit_on_hover_click_and_keyboard()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        var (id, report) = await FailingReportAsync();
        var metric = report.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == Key);
        var card = page.Locator("#figure-card");

        await browser.GoToAsync("#/report/" + id);
        Assert.Equal("zh-Hant", await page.Locator("article.report-text").GetAttributeAsync("lang"));
        var mark = page.Locator($"[id='fig-{Key}']");
        await mark.HoverAsync();
        await Assertions.Expect(card).ToBeVisibleAsync();
        var shown = await card.TextContentAsync();
        Assert.Contains(Key, shown, StringComparison.Ordinal);
        Assert.Contains(metric.GetProperty("value").GetDecimal().ToString(CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.Contains(metric.GetProperty("unit").GetString()!, shown, StringComparison.Ordinal);
        Assert.Contains(metric.GetProperty("labelZh").GetString()!, shown, StringComparison.Ordinal);
        await browser.ScreenshotAsync("report-figure-card");

        // Keyboard only: Tab from the top of the page reaches the highlighted figures; Enter pins the card, Escape closes it.
        await page.Mouse.MoveAsync(0, 0);
        await page.Locator("body").FocusAsync();
        var reached = false;
        for (var i = 0; i < 40 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement.matches('mark.fig')");
        }
        Assert.True(reached, "Tab never reached a highlighted figure");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(card).ToBeHiddenAsync();

        // Click pins the card until clicked again.
        await mark.ClickAsync();
        await page.Mouse.MoveAsync(0, 0);
        await Assertions.Expect(card).ToBeVisibleAsync();
        await mark.ClickAsync();
        await Assertions.Expect(card).ToBeHiddenAsync();
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Problems_link_to_the_text_they_concern_and_versions_are_listed()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        var (id, report) = await FailingReportAsync();
        var problem = report.GetProperty("problems")[0];
        var text = report.GetProperty("text").GetString()!;

        await browser.GoToAsync("#/report/" + id);
        var problems = page.Locator("ul.problems li");
        Assert.Equal(report.GetProperty("problems").GetArrayLength(), await problems.CountAsync());
        Assert.Contains(problem.GetProperty("code").GetString()!, await problems.First.TextContentAsync(), StringComparison.Ordinal);
        await problems.First.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("at=problem-0", StringComparison.Ordinal));
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent + '|' + document.activeElement.classList.contains('problem-span')");
        Assert.Equal($"{text[problem.GetProperty("start").GetInt32()..problem.GetProperty("end").GetInt32()]}|true", focused);

        var versions = report.GetProperty("versions").GetArrayLength();
        Assert.Equal(versions, await page.Locator("aside table.data").Last.Locator("tbody tr").CountAsync());
        await browser.ScreenshotAsync("report-traditional-with-problem");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_ranking_is_drawn_as_a_chart_and_a_table_and_its_CSV_is_the_APIs()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.GoToAsync("#/compare");
        await page.GetByLabel("指标 Metric").SelectOptionAsync(Key);
        await page.GetByLabel("年度 Year").FillAsync("2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "比较 Compare" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("year=2023", StringComparison.Ordinal));
        await page.Locator("main table.data tbody tr").First.WaitForAsync();

        var ranking = await ApiAsync($"api/metrics/{Key}?year=2023&top=100");
        var expected = ranking.GetProperty("items").EnumerateArray()
            .Select(i => $"{i.GetProperty("rank").GetInt32()}|{i.GetProperty("agency").GetString()}|{i.GetProperty("value").GetDecimal().ToString("#,0.####", CultureInfo.InvariantCulture)}").ToList();
        Assert.True(expected.Count >= 3, "the ranking should compare several agencies");
        await Assertions.Expect(page.Locator("main table.data tbody tr")).ToHaveCountAsync(expected.Count);
        var rows = await page.Locator("main table.data tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => [...r.cells].slice(0, 4).filter((_, i) => i !== 2).map(c => c.textContent).join('|'))");
        Assert.Equal(expected, rows);
        Assert.True(await page.EvaluateAsync<bool>("() => { const c = document.querySelector('main canvas'); return !!c && c.width > 0 && c.height > 0 && !!Chart.getChart(c); }"));
        await browser.ScreenshotAsync("compare");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载 CSV Download CSV" }).ClickAsync());
        Assert.Equal($"{Key}-2023.csv", download.SuggestedFilename);
        var csv = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var fromApi = await app.Host.Client.GetByteArrayAsync($"api/metrics/{Key}?year=2023&order=desc&top=1000&format=csv");
        Assert.Equal(fromApi, csv);
        Assert.Equal(expected.Count + 1, System.Text.Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task An_agencys_figure_over_the_years_marks_the_years_that_fail_a_consistency_check()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.GoToAsync($"#/trend?agency={Uri.EscapeDataString(HandWrittenReports.Agency)}&key={Key}");
        await page.Locator("main table.data tbody tr").First.WaitForAsync();

        var series = await ApiAsync($"api/agencies/{Uri.EscapeDataString(HandWrittenReports.Agency)}/metrics/{Key}");
        var years = series.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("year").GetInt32().ToString(CultureInfo.InvariantCulture)).ToList();
        var rows = page.Locator("main table.data tbody tr");
        Assert.Equal(years, await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[0].textContent)"));
        var failing = await rows.EvaluateAllAsync<string[]>("rows => rows.filter(r => r.classList.contains('fails')).map(r => r.cells[0].textContent)");
        Assert.Equal([HandWrittenReports.FailingYear.ToString(CultureInfo.InvariantCulture)], failing);
        var points = await page.EvaluateAsync<string[]>("() => Chart.getChart(document.querySelector('main canvas')).data.datasets[0].pointBackgroundColor");
        Assert.Equal(years.Select(y => y == failing[0] ? "#b42318" : "#0b5cad"), points);
        await browser.ScreenshotAsync("trend");

        // The sample agency's many years, reached by typing its name in Traditional script.
        await page.GetByLabel("机关 Agency").FillAsync("東江市青石區人民政府");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看 Show" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("%E6%9D%B1", StringComparison.Ordinal) || url.Contains("東", StringComparison.Ordinal));
        var sample = await ApiAsync($"api/agencies/{Uri.EscapeDataString("东江市青石区人民政府")}/metrics/{Key}");
        await Assertions.Expect(page.Locator("main table.data tbody tr")).ToHaveCountAsync(sample.GetProperty("items").GetArrayLength());
        await browser.ScreenshotAsync("trend-sample");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task The_pipeline_view_shows_health_counts_and_the_latest_failures()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.GoToAsync("#/pipeline");
        var health = await ApiAsync("api/health");
        Assert.Equal(health.GetProperty("status").GetString(), await page.Locator(".card .big").First.TextContentAsync());
        var functions = await page.Locator("main table.data").First.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[0].textContent + '=' + r.cells[1].textContent)");
        Assert.Equal(health.GetProperty("functions").EnumerateObject().Select(f => $"{f.Name}={f.Value.GetProperty("succeeded").GetInt64()}"), functions);
        var latest = page.Locator("main table.data").Last.Locator("tbody tr");
        Assert.Equal(health.GetProperty("openFailures").GetProperty("latest").GetArrayLength(), await latest.CountAsync());
        Assert.Contains(HandWrittenReports.BrokenReason, await latest.First.TextContentAsync(), StringComparison.Ordinal);
        await browser.ScreenshotAsync("pipeline");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task At_phone_width_nothing_overflows_the_screen()
    {
        await using var browser = await app.OpenAsync(width: 390, height: 844);
        var page = browser.Page;
        var id = await ReportIdAsync("东江市青石区人民政府", 2023);
        foreach (var (hash, name) in new[] { ("#/reports", "phone-reports"), ("#/report/" + id, "phone-report"), ($"#/compare?key={Key}&year=2023", "phone-compare") })
        {
            await browser.GoToAsync(hash);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{hash} scrolls sideways at 390 px");
            await browser.ScreenshotAsync(name, fullPage: false);
        }
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Every_file_the_page_loads_comes_from_the_app()
    {
        await using var browser = await app.OpenAsync();
        var hosts = new List<string>();
        browser.Page.Request += (_, request) => hosts.Add(new Uri(request.Url).Authority);
        await browser.GoToAsync($"#/compare?key={Key}&year=2023");
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.NotEmpty(hosts);
        Assert.All(hosts, host => Assert.Equal(app.BaseAddress.Authority, host));
        var page = await app.Host.Client.GetAsync(WebApp.PagePath);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var bare = await noRedirects.GetAsync("/api/web?code=k");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/api/web/?code=k", new Uri(new Uri(app.BaseAddress, "/api/web?code=k"), bare.Headers.Location!).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.Host.Client.GetAsync("/api/web/missing.js")).StatusCode);
        Assert.Empty(browser.Errors);
    }

    private const string HighlightsScript = """
        () => {
          const shown = {};
          for (const mark of document.querySelectorAll('article.report-text mark.fig')) {
            const keys = mark.dataset.keys.split(' ');
            const values = mark.dataset.values.split(' ');
            keys.forEach((key, i) => {
              const entry = shown[key] ??= { text: '', value: values[i], first: !!document.getElementById('fig-' + key) || !!document.querySelector(`mark[data-also-first~="${key}"]`) };
              entry.text += mark.textContent;
            });
          }
          return JSON.stringify(shown);
        }
        """;

    private static Dictionary<string, (string Text, decimal Value, bool First)> Highlights(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name,
            p => (p.Value.GetProperty("text").GetString()!, decimal.Parse(p.Value.GetProperty("value").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
                p.Value.GetProperty("first").GetBoolean()), StringComparer.Ordinal);

    private async Task<JsonElement> ApiAsync(string path) => await app.Host.Client.GetFromJsonAsync<JsonElement>(path);

    /// <summary>The hand-written report that fails a consistency check, as the API answers it.</summary>
    private async Task<(string Id, JsonElement Report)> FailingReportAsync()
    {
        var id = await ReportIdAsync(HandWrittenReports.Agency, HandWrittenReports.FailingYear);
        return (id, await ApiAsync("api/reports/" + id));
    }

    private async Task<string> ReportIdAsync(string agency, int year)
    {
        var list = await ApiAsync($"api/reports?agency={Uri.EscapeDataString(agency)}&year={year}");
        return list.GetProperty("items")[0].GetProperty("id").GetString()!;
    }
}

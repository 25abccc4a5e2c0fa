using Gongkai.Functions.Records;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gongkai.Web.Tests.Infrastructure;

/// <summary>
/// The app on its own Azurite with the sample portal harvested and parsed through the real triggers, two hand-written
/// reports of a Traditional-script agency (one failing a consistency check) and one recorded parse failure; and
/// Debian's headless Chromium, driven by Playwright.
/// </summary>
public sealed class WebApp : IAsyncLifetime
{
    /// <summary>Where the browser is; <c>GONGKAI_CHROMIUM</c> overrides (eng/chromium.sh installs Debian's package here).</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("GONGKAI_CHROMIUM") ?? "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private AzuriteServer? _azurite;
    private SamplePipeline? _sample;
    private RunningHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public RunningHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public Uri BaseAddress => Host.Client.BaseAddress!;

    /// <summary>Where the app serves the page.</summary>
    public const string PagePath = "/api/web/";

    /// <summary>Screenshots of every view, under the test output (artifacts/bin/Gongkai.Web.Tests/…/screenshots).</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}: the browser tests drive Debian's chromium; ./test.sh installs it (eng/chromium.sh), or set GONGKAI_CHROMIUM.");
        }
        _azurite = await AzuriteServer.StartAsync();
        _sample = await SamplePipeline.StartAsync();
        _host = await RunningHost.StartAsync(_azurite.ConnectionString, triggers: true, runNow: true, settings: _sample.Settings());
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
        {
            await _host.Triggers.WaitForQuiescenceAsync(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
        var writer = _host.Services.GetRequiredService<ReportRecordWriter>();
        foreach (var (version, report) in HandWrittenReports.All)
        {
            await writer.WriteAsync(version, report, CancellationToken.None);
        }
        await _host.Services.GetRequiredService<ParseFailures>()
            .RecordAttemptAsync(HandWrittenReports.BrokenVersion, new InvalidDataException(HandWrittenReports.BrokenReason), CancellationToken.None);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh browser context and page at the app, recording every console error, page error and failed request.</summary>
    public async Task<BrowserPage> OpenAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(20_000);
        return new BrowserPage(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebApp>
{
    public const string Name = "web";
}

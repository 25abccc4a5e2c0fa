using Microsoft.Playwright;

namespace Gongkai.Web.Tests.Infrastructure;

/// <summary>A page in its own context, collecting what a person would see as breakage: console errors, uncaught errors, failed loads.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Record($"console {message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record("page error: " + error);
        page.RequestFailed += (_, request) => Record($"request failed: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Record($"HTTP {response.Status}: {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Goes to a view of the page (<c>#/…</c>) and waits until its heading is drawn.</summary>
    public async Task GoToAsync(string hash)
    {
        await Page.GotoAsync(WebApp.PagePath + hash);
        await WaitForViewAsync();
    }

    public Task WaitForViewAsync() => Page.Locator("main h1").WaitForAsync();

    /// <param name="fullPage">The whole page rather than what the viewport shows (a phone's screen is the viewport).</param>
    public Task ScreenshotAsync(string name, bool fullPage = true) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebApp.ScreenshotDirectory, name + ".png"), FullPage = fullPage, Timeout = 60_000 });

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}

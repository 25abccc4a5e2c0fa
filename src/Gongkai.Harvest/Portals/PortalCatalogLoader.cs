using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gongkai.Harvest.Portals;

/// <summary>Reads and validates a portals file; the first bad entry fails the whole load with its id and the reason.</summary>
public static partial class PortalCatalogLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads the portals file at <paramref name="path"/>.</summary>
    public static PortalCatalog LoadFile(string path, int defaultMaxPages = 50)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PortalConfigurationException($"portals file '{path}' cannot be read: {e.Message}", e);
        }

        return Parse(json, path, defaultMaxPages);
    }

    /// <summary>Parses portals JSON; <paramref name="source"/> names it in errors.</summary>
    public static PortalCatalog Parse(string json, string source, int defaultMaxPages = 50)
    {
        PortalFileModel? model;
        try
        {
            model = JsonSerializer.Deserialize<PortalFileModel>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new PortalConfigurationException($"portals file '{source}' is not valid: {e.Message}", e);
        }

        if (model?.Portals is null)
        {
            throw new PortalConfigurationException($"portals file '{source}' has no \"portals\" array.");
        }

        var portals = new List<PortalDefinition>(model.Portals.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Portals.Count; i++)
        {
            var entry = model.Portals[i];
            var label = $"portals file '{source}', entry {i + 1}" + (entry?.Id is { Length: > 0 } id ? $" ('{id}')" : string.Empty);
            if (entry is null)
            {
                throw new PortalConfigurationException($"{label}: the entry is null.");
            }

            var portal = Validate(entry, label, defaultMaxPages);
            if (!seen.Add(portal.Id))
            {
                throw new PortalConfigurationException($"{label}: id '{portal.Id}' is used by an earlier entry.");
            }

            portals.Add(portal);
        }

        return new PortalCatalog(portals);
    }

    private static PortalDefinition Validate(PortalEntryModel entry, string label, int defaultMaxPages)
    {
        if (string.IsNullOrWhiteSpace(entry.Id) || !IdPattern().IsMatch(entry.Id))
        {
            throw new PortalConfigurationException($"{label}: id '{entry.Id}' must be 2-63 lower-case letters, digits or dashes, starting with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(entry.Name))
        {
            throw new PortalConfigurationException($"{label}: name is required.");
        }

        if (entry.StartUrls is not { Count: > 0 })
        {
            throw new PortalConfigurationException($"{label}: startUrls must list at least one URL.");
        }

        var startUrls = new List<Uri>();
        foreach (var text in entry.StartUrls)
        {
            startUrls.Add(ParseHttpUrl(text, $"{label}: startUrls entry"));
        }

        var hosts = new HashSet<string>(StringComparer.Ordinal);
        if (entry.AllowedHosts is { Count: > 0 })
        {
            foreach (var host in entry.AllowedHosts)
            {
                if (string.IsNullOrWhiteSpace(host) || host.Contains('/') || !Uri.TryCreate($"http://{host.Trim()}/", UriKind.Absolute, out var hostUri))
                {
                    throw new PortalConfigurationException($"{label}: allowedHosts entry '{host}' is not a host name (host or host:port, no scheme or path).");
                }

                hosts.Add(PortalDefinition.HostKey(hostUri));
            }
        }

        foreach (var url in startUrls)
        {
            if (entry.AllowedHosts is { Count: > 0 } && !hosts.Contains(PortalDefinition.HostKey(url)))
            {
                throw new PortalConfigurationException($"{label}: start URL '{url}' is on host '{PortalDefinition.HostKey(url)}', which allowedHosts does not list.");
            }

            hosts.Add(PortalDefinition.HostKey(url));
        }

        var links = ReportLinkRules.Default;
        if (entry.Links is { } l)
        {
            links = new ReportLinkRules(
                l.Include is null ? links.Include : CompileAll(l.Include, $"{label}: links.include"),
                l.Exclude is null ? links.Exclude : CompileAll(l.Exclude, $"{label}: links.exclude"),
                l.RequireYear ?? true)
            {
                DataFields = l.DataFields is { } f ? DataFields(f, $"{label}: links.dataFields") : null,
            };
        }

        var p = entry.Pagination;
        var maxPages = p?.MaxPages ?? defaultMaxPages;
        if (maxPages is < 1 or > 10_000)
        {
            throw new PortalConfigurationException($"{label}: pagination.maxPages {maxPages} must be between 1 and 10000.");
        }

        if (p?.UrlTemplate is { } template)
        {
            if (!template.Contains("{page}", StringComparison.Ordinal))
            {
                throw new PortalConfigurationException($"{label}: pagination.urlTemplate '{template}' must contain {{page}}.");
            }

            var sample = ParseHttpUrl(template.Replace("{page}", "1", StringComparison.Ordinal), $"{label}: pagination.urlTemplate");
            if (!hosts.Contains(PortalDefinition.HostKey(sample)))
            {
                throw new PortalConfigurationException($"{label}: pagination.urlTemplate is on host '{PortalDefinition.HostKey(sample)}', which is not an allowed host.");
            }
        }

        var pagination = new PaginationRules(maxPages, p?.FollowScriptPages ?? true, p?.FollowNextLinks ?? true, p?.UrlTemplate, p?.FirstTemplatePage ?? 1);

        var extensions = AttachmentRules.DefaultExtensions;
        if (entry.Attachments?.Extensions is { } ext)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var e in ext)
            {
                if (string.IsNullOrWhiteSpace(e) || !ExtensionPattern().IsMatch(e.TrimStart('.')))
                {
                    throw new PortalConfigurationException($"{label}: attachments.extensions entry '{e}' is not a file extension.");
                }

                set.Add(e.TrimStart('.'));
            }

            extensions = set;
        }

        var attachments = new AttachmentRules(entry.Attachments?.Enabled ?? true, extensions);

        int? concurrency = entry.Politeness?.Concurrency;
        if (concurrency is < 1 or > 64)
        {
            throw new PortalConfigurationException($"{label}: politeness.concurrency {concurrency} must be between 1 and 64.");
        }

        TimeSpan? delay = null;
        if (entry.Politeness?.DelaySeconds is { } seconds)
        {
            if (seconds is < 0 or > 600 || double.IsNaN(seconds))
            {
                throw new PortalConfigurationException($"{label}: politeness.delaySeconds {seconds} must be between 0 and 600.");
            }

            delay = TimeSpan.FromSeconds(seconds);
        }

        var networks = new List<IPNetwork>();
        foreach (var cidr in entry.AllowedPrivateNetworks ?? [])
        {
            if (cidr is null || !IPNetwork.TryParse(cidr, out var network))
            {
                throw new PortalConfigurationException($"{label}: allowedPrivateNetworks entry '{cidr}' is not a CIDR range such as 127.0.0.0/8.");
            }

            networks.Add(network);
        }

        if (networks.Count > 0 && entry.AllowPrivateNetworks != true)
        {
            throw new PortalConfigurationException($"{label}: allowedPrivateNetworks is set but allowPrivateNetworks is not true.");
        }

        return new PortalDefinition
        {
            Id = entry.Id,
            Name = entry.Name.Trim(),
            Agency = string.IsNullOrWhiteSpace(entry.Agency) ? null : entry.Agency.Trim(),
            StartUrls = startUrls,
            AllowedHosts = hosts,
            Links = links,
            Pagination = pagination,
            Attachments = attachments,
            Concurrency = concurrency,
            Delay = delay,
            AllowPrivateNetworks = entry.AllowPrivateNetworks ?? false,
            AllowedPrivateNetworks = networks,
        };
    }

    private static Uri ParseHttpUrl(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new PortalConfigurationException($"{what} '{text}' is not an absolute http or https URL.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new PortalConfigurationException($"{what} '{text}' must not carry credentials.");
        }

        return url;
    }

    private static DataFieldNames DataFields(DataFieldsModel model, string label)
    {
        var names = new[] { model.Title, model.Url, model.Date };
        if (names.All(string.IsNullOrWhiteSpace))
        {
            throw new PortalConfigurationException($"{label} must name at least one of title, url, date.");
        }

        if (names.FirstOrDefault(n => n is not null && (n.Length == 0 || n.Any(char.IsWhiteSpace))) is { } bad)
        {
            throw new PortalConfigurationException($"{label}: '{bad}' is not a field name (empty or with white space).");
        }

        return new DataFieldNames(model.Title, model.Url, model.Date);
    }

    private static List<Regex> CompileAll(List<string?> patterns, string what)
    {
        var list = new List<Regex>();
        foreach (var pattern in patterns)
        {
            if (string.IsNullOrEmpty(pattern))
            {
                throw new PortalConfigurationException($"{what} has an empty pattern.");
            }

            try
            {
                list.Add(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            catch (ArgumentException e)
            {
                throw new PortalConfigurationException($"{what} pattern '{pattern}' is not a valid regular expression: {e.Message}", e);
            }
        }

        return list;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,10}$")]
    private static partial Regex ExtensionPattern();
}

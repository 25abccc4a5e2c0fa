namespace Gongkai.Harvest.Portals;

// The JSON shape of portals.json, bound as it is written; PortalCatalogLoader validates it into PortalDefinition.
internal sealed class PortalFileModel
{
    public List<PortalEntryModel?>? Portals { get; set; }
}

internal sealed class PortalEntryModel
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Agency { get; set; }
    public List<string?>? StartUrls { get; set; }
    public List<string?>? AllowedHosts { get; set; }
    public LinkRulesModel? Links { get; set; }
    public PaginationModel? Pagination { get; set; }
    public AttachmentsModel? Attachments { get; set; }
    public PolitenessModel? Politeness { get; set; }
    public bool? AllowPrivateNetworks { get; set; }
    public List<string?>? AllowedPrivateNetworks { get; set; }
}

internal sealed class LinkRulesModel
{
    public List<string?>? Include { get; set; }
    public List<string?>? Exclude { get; set; }
    public bool? RequireYear { get; set; }
    public DataFieldsModel? DataFields { get; set; }
}

internal sealed class DataFieldsModel
{
    public string? Title { get; set; }
    public string? Url { get; set; }
    public string? Date { get; set; }
}

internal sealed class PaginationModel
{
    public int? MaxPages { get; set; }
    public bool? FollowScriptPages { get; set; }
    public bool? FollowNextLinks { get; set; }
    public string? UrlTemplate { get; set; }
    public int? FirstTemplatePage { get; set; }
}

internal sealed class AttachmentsModel
{
    public bool? Enabled { get; set; }
    public List<string?>? Extensions { get; set; }
}

internal sealed class PolitenessModel
{
    public int? Concurrency { get; set; }
    public double? DelaySeconds { get; set; }
}

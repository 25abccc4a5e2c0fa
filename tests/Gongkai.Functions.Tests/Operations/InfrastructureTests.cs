using System.Reflection;
using System.Text.Json;
using Gongkai.Functions.Hosting;
using Gongkai.Harvest.Stores;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// What infra/main.bicep deploys, read from the ARM template the Bicep CLI compiles it to (compiling also lints it:
/// a warning fails the fixture), and kept in step with the code.
/// </summary>
public sealed class InfrastructureTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private const string Sites = "Microsoft.Web/sites";
    private const string RoleAssignments = "Microsoft.Authorization/roleAssignments";

    /// <summary>The built-in roles the app's identity needs, and no broader one (role definition ids are global).</summary>
    private static readonly Dictionary<string, string> AppRoles = new(StringComparer.Ordinal)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    /// <summary>
    /// Azurite reports a sample of its requests to Microsoft unless told not to. Tests, benchmarks and the demo must talk
    /// only to servers they start on loopback, so every place that launches it turns that off and binds 127.0.0.1.
    /// </summary>
    [Theory]
    [InlineData("eng/azurite.sh")]
    [InlineData("src/Gongkai.Functions/LocalHost/AzuriteLauncher.cs")]
    [InlineData("tests/Gongkai.Testing/AzuriteServer.cs")]
    public void Every_Azurite_launch_stays_on_loopback_and_sends_no_telemetry(string launcher)
    {
        var code = Repository.Read(launcher);
        Assert.Contains("--disableTelemetry", code, StringComparison.Ordinal);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Matches($"--{service}Host\"?,? \"?127\\.0\\.0\\.1", code);
        }
    }

    [Fact]
    public void The_template_comes_from_the_pinned_Bicep_CLI()
    {
        var generator = template.Root.GetProperty("metadata").GetProperty("_generator");
        Assert.Equal("bicep", generator.GetProperty("name").GetString());
        var pinned = System.Xml.Linq.XDocument.Load(Repository.PathOf("eng/bicep/BicepCli.csproj"))
            .Descendants("PackageDownload").Single().Attribute("Version")!.Value.Trim('[', ']');
        Assert.StartsWith(pinned + ".", generator.GetProperty("version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_file_sets_every_required_parameter_and_only_declared_ones()
    {
        var declared = template.Root.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.TryGetProperty("defaultValue", out _));
        using var parameters = JsonDocument.Parse(Repository.Read("infra/main.parameters.json"));
        var set = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        var undeclared = set.Where(p => !declared.ContainsKey(p)).ToList();
        var unset = declared.Where(p => !p.Value && !set.Contains(p.Key)).Select(p => p.Key).ToList();
        Assert.True(undeclared.Count == 0, $"main.parameters.json sets undeclared parameters {string.Join(", ", undeclared)}");
        Assert.True(unset.Count == 0, $"main.parameters.json does not set required parameters {string.Join(", ", unset)}");
    }

    [Fact]
    public void Every_container_queue_and_table_the_code_uses_is_created()
    {
        var created = new Dictionary<string, IReadOnlyList<string>>
        {
            ["Container"] = CompiledTemplate.StringArrayVariable(template.Root, "blobContainerNames"),
            ["Queue"] = CompiledTemplate.StringArrayVariable(template.Root, "queueNames"),
            ["Table"] = CompiledTemplate.StringArrayVariable(template.Root, "tableNames"),
        };
        var storage = ModuleParameters("storage");
        Assert.Contains("variables('blobContainerNames')", storage.GetProperty("containerNames").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal("[variables('queueNames')]", storage.GetProperty("queueNames").GetProperty("value").GetString());
        Assert.Equal("[variables('tableNames')]", storage.GetProperty("tableNames").GetProperty("value").GetString());

        var names = typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToList();
        Assert.Contains(names, f => f.Name == nameof(StorageNames.RawReportsContainer));
        foreach (var field in names)
        {
            var kind = created.Keys.SingleOrDefault(k => field.Name.EndsWith(k, StringComparison.Ordinal));
            Assert.True(kind is not null, $"StorageNames.{field.Name}: name it …Container, …Queue or …Table so infra knows what to create");
            var value = (string)field.GetRawConstantValue()!;
            Assert.True(created[kind].Contains(value), $"StorageNames.{field.Name} = \"{value}\" is not created by {CompiledTemplate.MainBicep} (var {kind.ToLowerInvariant()} names)");
        }
    }

    [Fact]
    public void The_app_runs_on_Flex_Consumption_as_a_dotnet_isolated_10_worker_on_Linux()
    {
        var plan = template.Resource("function-app", "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean(), "the plan must be Linux (reserved)");

        var site = template.Resource("function-app", Sites);
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        var runtime = site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal(("dotnet-isolated", "10.0"), (runtime.GetProperty("name").GetString(), runtime.GetProperty("version").GetString()));
        // Flex Consumption takes the runtime from functionAppConfig and rejects these settings.
        var settings = AzureSettings();
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings);
    }

    [Fact]
    public void The_app_package_is_read_from_its_own_container_with_the_app_identity()
    {
        var site = template.Resource("function-app", Sites);
        var storage = site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");
        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Contains("parameters('deploymentContainerName')", storage.GetProperty("value").GetString(), StringComparison.Ordinal);
        var authentication = storage.GetProperty("authentication");
        Assert.Equal("UserAssignedIdentity", authentication.GetProperty("type").GetString());
        Assert.Equal("[parameters('identityId')]", authentication.GetProperty("userAssignedIdentityResourceId").GetString());
        var identity = site.GetProperty("identity");
        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        Assert.Equal(["[format('{0}', parameters('identityId'))]"], identity.GetProperty("userAssignedIdentities").EnumerateObject().Select(p => p.Name));

        // The container is created with the others, in the account the app's identity has Blob Data Owner on.
        Assert.Equal("[variables('deploymentContainerName')]", ModuleParameters("function-app").GetProperty("deploymentContainerName").GetProperty("value").GetString());
        Assert.Contains("variables('deploymentContainerName')", ModuleParameters("storage").GetProperty("containerNames").GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_is_reached_with_an_identity_never_a_key()
    {
        var account = template.Resource("storage", "Microsoft.Storage/storageAccounts").GetProperty("properties");
        Assert.False(account.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(account.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", account.GetProperty("minimumTlsVersion").GetString());

        var settings = AppSettingValues();
        var storageSettings = settings.Keys.Where(k => k.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri"],
            storageSettings);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);

        // The one key anywhere is the host's blobs_extension system key in the Event Grid webhook URL.
        var text = template.Root.GetRawText();
        Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SharedAccessSignature", text, StringComparison.Ordinal);
        Assert.DoesNotContain("listAccountSas", text, StringComparison.Ordinal);
        var listKeys = text.Split("listKeys(")[1..];
        Assert.Single(listKeys);
        Assert.StartsWith("format('{0}/host/default', resourceId('Microsoft.Web/sites'", listKeys[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_identity_holds_exactly_the_data_roles_it_needs()
    {
        var assignments = template.ResourcesOfType(RoleAssignments);
        var rbac = template.Module("rbac");
        Assert.All(assignments, a => Assert.True(a.Template.GetRawText() == rbac.GetRawText(), "role assignments belong in app/rbac.bicep"));

        var app = assignments.Where(a => a.Resource.GetProperty("properties").GetProperty("principalId").GetString() == "[parameters('appPrincipalId')]").ToList();
        var granted = app.SelectMany(a => RoleIds(a.Resource, a.Template)).ToList();
        Assert.Equal(AppRoles.Values.Order(), granted.Select(id => AppRoles.GetValueOrDefault(id, id)).Order());
        foreach (var (assignment, _) in app)
        {
            Assert.Equal("ServicePrincipal", assignment.GetProperty("properties").GetProperty("principalType").GetString());
            var scope = assignment.GetProperty("scope").GetString()!;
            Assert.True(
                scope.StartsWith("[resourceId('Microsoft.Storage/storageAccounts'", StringComparison.Ordinal) || scope.StartsWith("[resourceId('Microsoft.Insights/components'", StringComparison.Ordinal),
                $"a role assignment scoped to {scope}: only the storage account and Application Insights");
        }

        // The optional operator gets the storage data roles for local runs and re-parsing, nothing else.
        var user = assignments.Except(app).ToList();
        Assert.All(user, a => Assert.Equal("[not(empty(parameters('userPrincipalId')))]", a.Resource.GetProperty("condition").GetString()));
        Assert.Equal(
            AppRoles.Where(r => r.Value.StartsWith("Storage ", StringComparison.Ordinal)).Select(r => r.Key).Order(),
            user.SelectMany(a => RoleIds(a.Resource, a.Template)).Order());
    }

    [Fact]
    public void Every_setting_the_app_reads_is_set_in_Azure_and_in_the_local_sample()
    {
        var azure = AzureSettings();
        var sample = AppSettings.LocalSettingsSample().Keys.ToList();
        var read = AppSettings.ReadByTheApp();
        Assert.Contains("HarvestSchedule", read);
        Assert.Contains("Gongkai__Harvest", read);
        Assert.Contains("Gongkai__Api", read);
        var notInSample = read.Where(s => !AppSettings.IsDeclared(s, sample)).ToList();
        var notInAzure = read.Where(s => !AppSettings.IsLocalOnly(s) && !AppSettings.IsDeclared(s, azure)).ToList();
        Assert.True(notInSample.Count == 0, $"local.settings.sample.json lacks {string.Join(", ", notInSample)}");
        Assert.True(notInAzure.Count == 0, $"infra/app/function-app.bicep (appSettings) lacks {string.Join(", ", notInAzure)}");

        foreach (var (section, options) in AppSettings.OptionsSections().Where(s => !AppSettings.IsLocalOnly(s.Key)))
        {
            var required = AppSettings.RequiredWithoutDefault(section, options).Where(s => !azure.Contains(s)).ToList();
            Assert.True(required.Count == 0, $"{options.Name} requires {string.Join(", ", required)}, which Azure does not set");
        }
    }

    [Fact]
    public void Every_setting_set_in_Azure_is_one_the_app_still_reads()
    {
        var read = AppSettings.ReadByTheApp();
        var sections = AppSettings.OptionsSections();
        var sample = AppSettings.LocalSettingsSample();
        foreach (var setting in AzureSettings())
        {
            var family = setting.Split("__")[0];
            var section = sections.Keys.SingleOrDefault(s => setting.StartsWith(s + "__", StringComparison.Ordinal));
            var known = section is not null
                ? AppSettings.Bindable(section, sections[section]).Contains(setting)
                : read.Contains(setting) || read.Contains(family);
            Assert.True(known, $"{setting} is set in Azure, but no code reads it (for a section: {section ?? "none"}, its options type binds no such property)");
            Assert.False(AppSettings.IsLocalOnly(setting), $"{setting} means something only on a developer's machine");
            Assert.True(sample.ContainsKey(setting) || sample.ContainsKey(family), $"{setting} is set in Azure but not in local.settings.sample.json");
        }
    }

    [Fact]
    public void New_raw_reports_reach_ParseReport_through_the_blobs_extension_webhook()
    {
        var topic = template.Resource("blob-events", "Microsoft.EventGrid/systemTopics").GetProperty("properties");
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.GetProperty("topicType").GetString());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", topic.GetProperty("source").GetString());

        var module = template.Module("blob-trigger-subscription");
        var defaults = module.GetProperty("parameters");
        Assert.Equal(FunctionNames.ParseReport, defaults.GetProperty("functionName").GetProperty("defaultValue").GetString());
        Assert.Equal(StorageNames.RawReportsContainer, defaults.GetProperty("containerName").GetProperty("defaultValue").GetString());

        var subscription = template.Resource("blob-trigger-subscription", "Microsoft.EventGrid/systemTopics/eventSubscriptions").GetProperty("properties");
        Assert.Equal(["Microsoft.Storage.BlobCreated"], subscription.GetProperty("filter").GetProperty("includedEventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("[format('/blobServices/default/containers/{0}/', parameters('containerName'))]", subscription.GetProperty("filter").GetProperty("subjectBeginsWith").GetString());
        var destination = subscription.GetProperty("destination");
        Assert.Equal("WebHook", destination.GetProperty("endpointType").GetString());
        // The isolated worker's blob trigger listens at the host's blobs extension, addressed as Host.Functions.<name>.
        Assert.Equal(
            "[format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}', "
            + "reference(resourceId('Microsoft.Web/sites', parameters('functionAppName')), '2024-04-01').defaultHostName, parameters('functionName'), "
            + "listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', parameters('functionAppName'))), '2024-04-01').systemKeys.blobs_extension)]",
            destination.GetProperty("properties").GetProperty("endpointUrl").GetString());

        // The key exists only once the code runs: the first provision skips this, the postdeploy hook deploys it.
        var deployment = Assert.Single(CompiledTemplate.Resources(template.Root), r => r.GetProperty("name").GetString() == "blob-trigger-subscription");
        Assert.Equal("[parameters('subscribeBlobTrigger')]", deployment.GetProperty("condition").GetString());
        Assert.Contains("--template-file infra/app/blob-trigger-subscription.bicep", Repository.Read("infra/hooks/postdeploy.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Telemetry_goes_to_workspace_Application_Insights_that_accept_only_Entra_identities()
    {
        var workspace = template.Resource("monitoring", "Microsoft.OperationalInsights/workspaces").GetProperty("properties");
        Assert.True(workspace.GetProperty("features").GetProperty("disableLocalAuth").GetBoolean());
        var components = template.Resource("monitoring", "Microsoft.Insights/components").GetProperty("properties");
        Assert.True(components.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]", components.GetProperty("WorkspaceResourceId").GetString());

        var settings = AppSettingValues();
        Assert.Equal("[parameters('applicationInsightsConnectionString')]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void The_workbook_runs_the_saved_queries_verbatim()
    {
        using var workbook = JsonDocument.Parse(Repository.Read("infra/workbook.json"));
        var queries = workbook.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("type").GetInt32() == 3)
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("content").GetProperty("query").GetString()!);
        var saved = Directory.EnumerateFiles(Repository.PathOf("infra/queries"), "*.kql")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText);
        Assert.Equal(saved.Keys.Order(), queries.Keys.Order());
        foreach (var (name, query) in saved)
        {
            Assert.True(query == queries[name], $"workbook item '{name}' differs from infra/queries/{name}.kql: copy the file's text into the item's query");
        }

        // The deployed workbook is that file, opened on the Application Insights resource.
        var monitoring = template.Module("monitoring");
        var deployed = template.Resource("monitoring", "Microsoft.Insights/workbooks").GetProperty("properties");
        var serialized = deployed.GetProperty("serializedData").GetString()!;
        var loaded = System.Text.RegularExpressions.Regex.Match(serialized, @"^\[replace\(variables\('(?<v>[^']+)'\), '__APPLICATION_INSIGHTS_ID__', resourceId\('Microsoft.Insights/components'").Groups["v"];
        Assert.True(loaded.Success, $"the workbook's serializedData is {serialized}");
        Assert.Equal(Repository.Read("infra/workbook.json"), monitoring.GetProperty("variables").GetProperty(loaded.Value).GetString());
        Assert.Equal("Notebook/1.0", deployed.GetProperty("version").GetString());
    }

    [Fact]
    public void Every_alert_rule_runs_a_saved_query_on_Application_Insights()
    {
        var alerts = template.Module("alerts");
        var rules = alerts.GetProperty("variables").GetProperty("rules").EnumerateArray().ToList();
        var queries = rules.Select(r => CompiledTemplate.Constants(alerts, r.GetProperty("query").GetString()!).Single()).Order(StringComparer.Ordinal);
        var saved = Directory.EnumerateFiles(Repository.PathOf("infra/queries/alerts"), "*.kql").Select(File.ReadAllText).Order(StringComparer.Ordinal);
        Assert.Equal(3, rules.Count);
        Assert.Equal(saved, queries);

        var rule = template.Resource("alerts", "Microsoft.Insights/scheduledQueryRules");
        Assert.Equal("[length(variables('rules'))]", rule.GetProperty("copy").GetProperty("count").GetString());
        Assert.Equal("LogAlert", rule.GetProperty("kind").GetString());
        Assert.Equal(["[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]"],
            rule.GetProperty("properties").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    private JsonElement ModuleParameters(string deploymentName) =>
        Assert.Single(CompiledTemplate.Resources(template.Root), r => r.GetProperty("name").GetString() == deploymentName)
            .GetProperty("properties").GetProperty("parameters");

    private IReadOnlyDictionary<string, string> AppSettingValues() => template.FunctionAppSettings();

    private List<string> AzureSettings() => AppSettingValues().Keys.ToList();

    private static IEnumerable<string> RoleIds(JsonElement assignment, JsonElement template)
    {
        const string Prefix = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ";
        var id = assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
        Assert.StartsWith(Prefix, id, StringComparison.Ordinal);
        return CompiledTemplate.Constants(template, "[" + id[Prefix.Length..^2] + "]");
    }
}

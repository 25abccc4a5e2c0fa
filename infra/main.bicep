// Gongkai's Azure environment, in the shape of the azd Functions templates: subscription scope, one resource group,
// names from a resource token and abbreviations.json, modules under app/.
// Deploy with `azd up`, or `az deployment sub create --location <region> --template-file infra/main.bicep
// --parameters infra/main.parameters.json` (see docs/deploy.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment; it seeds the resource token that makes every resource name unique.')
param environmentName string

@minLength(1)
@description('Primary location for all resources. Flex Consumption (FC1) must be offered in it.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Optional name overrides; empty means "derive from the resource token".')
param resourceGroupName string = ''
param functionAppName string = ''
param appServicePlanName string = ''
param storageAccountName string = ''
param userAssignedIdentityName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''

@description('Object id of a user or group to grant data access to the storage account (for `gongkai reparse` and local runs against Azure). Empty grants nothing.')
param principalId string = ''

@description('NCRONTAB schedule of the nightly harvest, in UTC. 18:00 UTC is 02:00 China Standard Time.')
param harvestSchedule string = '0 0 18 * * *'

@description('A URL that identifies the operator in the crawler\'s User-Agent (polite crawling: portals can reach you).')
param harvestContactUrl string

@description('Portal catalog, relative to the app folder.')
param portalsFile string = 'portals.json'

@description('Resource id of an action group that alert rules notify. Empty: alerts fire without notifying anyone.')
param actionGroupId string = ''

@description('Create the Event Grid subscription that feeds raw-reports to ParseReport. It needs the blobs_extension system key, which exists only after the code is deployed: azd\'s postdeploy hook deploys it; set true on later provisions.')
param subscribeBlobTrigger bool = false

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}gongkai-${resourceToken}'
// Flex Consumption reads the app package from a blob container of its own.
var deploymentContainerName = 'app-package-${take(appName, 32)}-${take(toLower(uniqueString(appName, resourceToken)), 7)}'

// The storage layout the code uses (src/Gongkai.Harvest/Stores/StorageNames.cs); a test keeps the two in step.
var blobContainerNames = [
  'raw-reports'
  'parsed-reports'
  'harvest-locks'
]
var queueNames = [
  'harvest-requests'
  'harvest-requests-poison'
]
// The ranking tables, MetricIndex{year}, are not listed: the app creates each on its year's first report (the
// Table Data Contributor role it holds may), so a new reporting year needs no deployment.
var tableNames = [
  'CrawlState'
  'Failures'
  'HarvestRuns'
  'Reports'
  'ReportIndex'
  'ReportBlobs'
  'BlobReceipts'
  'ReparseCheckpoints'
]

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: !empty(userAssignedIdentityName) ? userAssignedIdentityName : '${abbrs.managedIdentityUserAssignedIdentities}gongkai-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containerNames: union(blobContainerNames, [ deploymentContainerName ])
    queueNames: queueNames
    tableNames: tableNames
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
    workbookDisplayName: 'Gongkai operations (${environmentName})'
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: appName
    planName: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'gongkai'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    harvestSchedule: harvestSchedule
    harvestContactUrl: harvestContactUrl
    portalsFile: portalsFile
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The app must be able to read its package and reach its storage as soon as it starts.
  dependsOn: [ rbac ]
}

module blobEvents 'app/blob-events.bicep' = {
  name: 'blob-events'
  scope: rg
  params: {
    name: '${abbrs.eventGridSystemTopics}${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
  }
}

module blobTriggerSubscription 'app/blob-trigger-subscription.bicep' = if (subscribeBlobTrigger) {
  name: 'blob-trigger-subscription'
  scope: rg
  params: {
    systemTopicName: blobEvents.outputs.name
    functionAppName: functionApp.outputs.name
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: '${abbrs.insightsScheduledQueryRules}gongkai-${resourceToken}'
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    actionGroupId: actionGroupId
  }
}

// azd turns these outputs into environment values (azd env get-values); the postdeploy hook reads them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = blobEvents.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_WORKBOOK_ID string = monitoring.outputs.workbookId

// The Flex Consumption (FC1) plan and the Linux Function App running Gongkai on the .NET isolated worker
// (dotnet-isolated 10.0): the host owns the triggers and runs the worker the package's worker.config.json names.
// Every connection is identity-based.
param name string
param planName string
param location string
param tags object = {}

@description('The service name in azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string

param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param harvestSchedule string
param harvestContactUrl string
param portalsFile string
param maximumInstanceCount int
param instanceMemoryMB int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // The isolated worker: on Flex Consumption this replaces the FUNCTIONS_WORKER_RUNTIME app setting, which the plan rejects.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Every setting Gongkai reads (docs/deploy.md lists them; a test keeps this list, the code and
  // local.settings.sample.json in step).
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // The host's and Gongkai's storage connection: identity-based, one setting family for both (no keys).
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // Telemetry to Application Insights, authenticated with the same identity (the resource rejects keys).
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // Gongkai.
      HarvestSchedule: harvestSchedule
      Gongkai__Harvest__ContactUrl: harvestContactUrl
      Gongkai__Harvest__PortalsFile: portalsFile
      // Console metrics are for local runs; in Azure the Gongkai meter goes to Application Insights.
      Gongkai__Telemetry__ConsoleMetricsInterval: '00:00:00'
      // How long an API answer is reused; another instance's writes show after at most this long (docs/api.md).
      Gongkai__Api__CacheDuration: '00:00:10'
    }
  }
}

output id string = functionApp.id
output name string = functionApp.name
output url string = 'https://${functionApp.properties.defaultHostName}'

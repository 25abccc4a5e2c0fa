// Delivers BlobCreated events for raw-reports to ParseReport's blob trigger webhook. The webhook is authorised by
// the host's blobs_extension system key, which the host creates when it first loads a function with an Event Grid
// blob trigger, so this is deployed after the code (azd postdeploy hook, or `subscribeBlobTrigger=true` later).
// It can also be deployed on its own:
//   az deployment group create -g <rg> -f infra/app/blob-trigger-subscription.bicep \
//     -p systemTopicName=<topic> functionAppName=<app>
param systemTopicName string
param functionAppName string

@description('The function that owns the blob trigger (src/Gongkai.Functions/FunctionApp/ParseReport).')
param functionName string = 'ParseReport'

@description('The container the trigger watches (StorageNames.RawReportsContainer).')
param containerName string = 'raw-reports'

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: systemTopicName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// The host's keys are listed through the resource id string: Bicep has no type for Microsoft.Web/sites/host, so a
// typed `existing` reference would only trade the linter's warning for another one.
resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: systemTopic
  name: '${toLower(functionName)}-${containerName}'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${listKeys('${functionApp.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output name string = subscription.name

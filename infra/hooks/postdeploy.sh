#!/usr/bin/env sh
# azd postdeploy hook: subscribes ParseReport's blob trigger to BlobCreated events of raw-reports.
# The subscription's webhook is authorised by the host's blobs_extension system key, which the host creates only
# once it runs code with an Event Grid blob trigger — hence after deploy, not in the first provision.
# azd passes the main.bicep outputs (AZURE_RESOURCE_GROUP, AZURE_FUNCTION_APP_NAME, …) as environment variables.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd, or export the main.bicep outputs (azd env get-values)}"
: "${AZURE_FUNCTION_APP_NAME:?}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?}"

echo "Waiting for the blobs_extension key of $AZURE_FUNCTION_APP_NAME ..."
attempt=0
until [ -n "$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
        --query systemKeys.blobs_extension -o tsv 2>/dev/null)" ]; do
  attempt=$((attempt + 1))
  if [ "$attempt" -gt 30 ]; then
    echo "error: the host has not created the blobs_extension key after 5 minutes; is the app running?" >&2
    echo "       Check 'az functionapp function list -g $AZURE_RESOURCE_GROUP -n $AZURE_FUNCTION_APP_NAME'" >&2
    echo "       and the host logs, then run this hook again: azd hooks run postdeploy" >&2
    exit 1
  fi
  # Listing functions wakes the host on Flex Consumption, which creates the key as it loads ParseReport.
  az functionapp function list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" -o none 2>/dev/null || true
  sleep 10
done

echo "Subscribing ParseReport to BlobCreated events of raw-reports ..."
az deployment group create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name blob-trigger-subscription \
  --template-file infra/app/blob-trigger-subscription.bicep \
  --parameters systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" functionAppName="$AZURE_FUNCTION_APP_NAME" \
  --output none
echo "Done: new blobs in raw-reports now reach ParseReport."

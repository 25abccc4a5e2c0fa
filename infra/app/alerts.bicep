// Log search alert rules on Application Insights. Their queries are infra/queries/alerts/*.kql, so an operator can
// run exactly what an alert evaluates. They notify the action group passed in (none when empty).
param namePrefix string
param location string
param tags object = {}
param applicationInsightsName string
param actionGroupId string = ''

@description('HTTP 5xx answers within five minutes that count as a burst.')
@minValue(1)
param http5xxBurstThreshold int = 5

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var actions = {
  actionGroups: empty(actionGroupId) ? [] : [ actionGroupId ]
  customProperties: {
    runbook: 'docs/operations.md'
  }
}

var rules = [
  {
    name: 'no-successful-harvest'
    displayName: 'Gongkai: no successful harvest in 26 hours'
    description: 'No portal finished a harvest successfully in the last 26 hours. See docs/operations.md, "No successful harvest".'
    severity: 1
    evaluationFrequency: 'PT1H'
    windowSize: 'P2D'
    query: loadTextContent('../queries/alerts/no-successful-harvest.kql')
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: 'parse-failure-rate'
    displayName: 'Gongkai: more than 5 % of parses failed in a day'
    description: 'More than 5 % of the reports parsed in the last day failed. See docs/operations.md, "Parse failures".'
    severity: 2
    evaluationFrequency: 'PT1H'
    windowSize: 'P1D'
    query: loadTextContent('../queries/alerts/parse-failure-rate.kql')
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: 'http-5xx-burst'
    displayName: 'Gongkai: burst of HTTP 5xx answers'
    description: 'At least ${http5xxBurstThreshold} requests were answered with a 5xx status within five minutes. See docs/operations.md, "HTTP 5xx".'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    query: loadTextContent('../queries/alerts/http-5xx.kql')
    operator: 'GreaterThanOrEqual'
    threshold: http5xxBurstThreshold
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = [for rule in rules: {
  name: '${namePrefix}-${rule.name}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: rule.displayName
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: rule.evaluationFrequency
    windowSize: rule.windowSize
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: rule.operator
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: actions
  }
}]

output ruleIds array = [for (rule, i) in rules: alertRules[i].id]

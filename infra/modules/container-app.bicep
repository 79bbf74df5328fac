// One CourseHub service as a container app: runs as the shared managed identity, pulls from the
// registry with it, gets its secrets as Key Vault references, listens on 8080 and is probed on
// /alive (liveness, startup) and /health (readiness).
@description('Container app name; also the host name other apps in the environment call it by (http://<name>).')
param name string
param location string

@description('azd environment name (tag azd-env-name).')
param environmentName string

@description('Service name in azure.yaml (tag azd-service-name): azd deploy finds the app by it.')
param serviceName string

param containerAppsEnvironmentId string
param containerRegistryEndpoint string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('True once the app exists (azd sets SERVICE_<NAME>_RESOURCE_EXISTS): keep its current image.')
param exists bool

@description('Environment variables; anything secret uses secretRef.')
param env array

@description('Container-app secrets, each a Key Vault reference: { name, keyVaultUrl, identity }.')
param secrets array

@description('Reachable from the internet (true) or only from inside the Container Apps environment (false).')
param external bool

@description('Session affinity: sticky for SignalR / Blazor Server circuits.')
@allowed([
  'none'
  'sticky'
])
param affinity string

param minReplicas int
param maxReplicas int
param scaleRules array

@description('vCPU per replica, e.g. \'0.5\'.')
param cpu string
@description('Memory per replica, e.g. \'1Gi\' (must match the vCPU ratio of the Consumption plan).')
param memory string

// Until the first `azd deploy` pushes the real image, the app runs Microsoft's public sample.
var placeholderImage = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
var port = 8080

module currentImage 'fetch-container-image.bicep' = {
  name: '${name}-current-image'
  params: {
    exists: exists
    name: name
  }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: {
    'azd-env-name': environmentName
    'azd-service-name': serviceName
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: containerAppsEnvironmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: external
        targetPort: port
        transport: 'auto'
        allowInsecure: false
        stickySessions: {
          affinity: affinity
        }
      }
      registries: [
        {
          server: containerRegistryEndpoint
          identity: identityId
        }
      ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: serviceName
          image: exists && !empty(currentImage.outputs.image) ? currentImage.outputs.image : placeholderImage
          env: env
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/alive'
                port: port
              }
              initialDelaySeconds: 5
              periodSeconds: 10
              failureThreshold: 10
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/alive'
                port: port
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health'
                port: port
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: scaleRules
      }
    }
  }
}

output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn

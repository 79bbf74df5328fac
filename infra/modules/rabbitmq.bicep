// RabbitMQ as an internal container app (Azure has no managed RabbitMQ). One replica, TCP ingress
// reachable only inside the Container Apps environment as rabbitmq:5672, its data on an Azure
// Files share so queues and undelivered messages survive restarts and new revisions.
param name string
param location string
param tags object
param containerAppsEnvironmentName string

@description('Storage account for the RabbitMQ file share (SMB mounts need the account key, so this is not the blob account).')
param storageAccountName string

@description('RabbitMQ image: Docker Hub\'s, or a copy imported into the registry.')
param image string
param user string

@description('The environment\'s registry, so that an image imported there can be pulled with the managed identity.')
param containerRegistryEndpoint string

@description('Key Vault URI; the broker password is its secret rabbitmq-password.')
param keyVaultUri string

@description('Resource id of the user-assigned managed identity (reads the password from Key Vault).')
param identityId string

var shareName = 'rabbitmq-data'
var amqpPort = 5672

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' existing = {
  name: containerAppsEnvironmentName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    publicNetworkAccess: 'Enabled'
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: shareName
  properties: {
    shareQuota: 16
  }
}

resource environmentStorage 'Microsoft.App/managedEnvironments/storages@2025-01-01' = {
  parent: environment
  name: shareName
  properties: {
    azureFile: {
      accountName: storageAccount.name
      accountKey: storageAccount.listKeys().keys[0].value
      shareName: share.name
      accessMode: 'ReadWrite'
    }
  }
}

resource rabbitmq 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: false
        transport: 'tcp'
        targetPort: amqpPort
        exposedPort: amqpPort
      }
      registries: [
        {
          server: containerRegistryEndpoint
          identity: identityId
        }
      ]
      secrets: [
        {
          name: 'rabbitmq-password'
          keyVaultUrl: '${keyVaultUri}secrets/rabbitmq-password'
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'rabbitmq'
          image: image
          env: [
            {
              name: 'RABBITMQ_DEFAULT_USER'
              value: user
            }
            {
              name: 'RABBITMQ_DEFAULT_PASS'
              secretRef: 'rabbitmq-password'
            }
            {
              // A fixed node name keeps the data directory the same across replicas and revisions
              // (the default, rabbit@<hostname>, would start empty after every restart).
              name: 'RABBITMQ_NODENAME'
              value: 'rabbit@localhost'
            }
          ]
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          volumeMounts: [
            {
              volumeName: 'data'
              mountPath: '/var/lib/rabbitmq/mnesia'
            }
          ]
          probes: [
            {
              type: 'Liveness'
              tcpSocket: {
                port: amqpPort
              }
              initialDelaySeconds: 20
              periodSeconds: 15
              failureThreshold: 4
            }
            {
              type: 'Readiness'
              tcpSocket: {
                port: amqpPort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'data'
          storageType: 'AzureFile'
          storageName: environmentStorage.name
          // The image runs RabbitMQ as uid/gid 999; nobrl avoids SMB byte-range locks Erlang does not need.
          mountOptions: 'uid=999,gid=999,dir_mode=0700,file_mode=0600,nobrl,mfsymlinks'
        }
      ]
      scale: {
        // A single broker: several replicas would be several independent brokers.
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
}

output name string = rabbitmq.name

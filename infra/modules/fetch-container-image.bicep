// Reads the image a container app runs now, so that `azd provision` after `azd deploy` keeps the
// deployed image instead of resetting it to the placeholder (azd's "upsert" pattern).
param exists bool
param name string

resource existingApp 'Microsoft.App/containerApps@2025-01-01' existing = if (exists) {
  name: name
}

output image string = exists ? existingApp!.properties.template.containers[0].image : ''

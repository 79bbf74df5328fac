using static CourseHub.Domain.Catalog.CourseLevel;

namespace CourseHub.Api.Features.Seeding;

// The demo's cloud and DevOps courses.
public static partial class DemoCatalog
{
    private static DemoCourse[] CloudDevOps() =>
    [
        new("Kubernetes for Developers", "Deploy, scale and debug your apps on Kubernetes", "cloud-devops", Intermediate, 7499, Lukas,
            """
            Kubernetes runs most of the world's containers, and as a developer you will meet it sooner or later. This course teaches what you need to ship and run your own services on a cluster: pods and deployments, services and ingress, configuration and secrets, health probes, and a calm method for finding out why a pod will not start.

            ## Who this course is for
            - Developers whose applications run, or will run, on Kubernetes
            - Operators who want to understand what developers need
            """,
            ["Deploy an application with Deployments, Services and Ingress",
             "Configure applications with ConfigMaps and Secrets",
             "Keep services healthy with readiness and liveness probes and rolling updates",
             "Debug failing pods with kubectl logs, describe and events"],
            ["Comfortable with containers and Docker", "kubectl and a local cluster such as kind or minikube"],
            [
                Module("Pods and deployments",
                    Text("What Kubernetes actually does", 14, """
                        Kubernetes is a control loop. You describe the state you want — "three copies of this container image, with 256 MB of memory each" — and controllers keep comparing that wish with what is running, starting and stopping containers until the two match.

                        The smallest unit is a pod: one or more containers that share a network address and are always scheduled together. You almost never create pods yourself. A Deployment creates them for you through a ReplicaSet, replaces them when they die, and rolls out a new version a few pods at a time.

                        Write your first manifest with `kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml`, read every line of it, then `kubectl apply -f web.yaml`. Delete a pod and watch the Deployment bring it back.
                        """),
                    Workbook()),
                Module("Services, ingress and configuration",
                    Text("Services and ingress", 14, """
                        Pods come and go, and their addresses with them. A Service gives a stable name and address to the set of pods matching its label selector and spreads traffic among them. An Ingress (or the newer Gateway API) routes outside HTTP traffic to services by host name and path.
                        """),
                    Text("ConfigMaps and Secrets", 12, """
                        Keep configuration out of the image: a ConfigMap holds settings, a Secret holds credentials. Both can become environment variables or files in the container. Secrets are only base64-encoded by default, so restrict who may read them and consider an external secret store.
                        """)),
                Module("Running in production",
                    Text("Probes and troubleshooting", 15, """
                        A readiness probe tells Kubernetes when a pod may receive traffic; a liveness probe tells it when to restart one. When a pod misbehaves, work down the list: `kubectl get pods` for the status, `kubectl describe pod` for events such as failed image pulls, and `kubectl logs --previous` for the output of the container that crashed.
                        """),
                    Quiz("Check your understanding",
                        Choice("What keeps the desired number of pods running?", "A Deployment through its ReplicaSet", "A Service", "An Ingress", "A ConfigMap"),
                        Choice("Which probe decides whether a pod receives traffic?", "Readiness probe", "Liveness probe", "Startup script", "Image pull policy"),
                        FillIn("Which kubectl command shows a pod's events, such as a failed image pull?", "kubectl describe pod", "describe", "kubectl describe"))),
            ]),

        new("Docker Fundamentals", "Containers explained: images, volumes and compose", "cloud-devops", Beginner, 0, Lukas,
            """
            Containers package an application with everything it needs, so it runs the same on a laptop, a test server and in the cloud. This free course explains what containers really are, how to write good Dockerfiles, how to keep data in volumes, and how to run a multi-service app with Docker Compose.

            ## Who this course is for
            - Developers who have heard of Docker and want to use it confidently
            - Students and testers who need to run other people's applications
            """,
            ["Explain the difference between images and containers",
             "Write small, secure Dockerfiles with multi-stage builds",
             "Persist data with volumes and connect containers with networks",
             "Run a web app and its database together with Docker Compose"],
            ["Comfort with a terminal", "Docker or a compatible container engine installed"],
            [
                Module("Why containers",
                    Text("Images and containers", 12, """
                        An image is a read-only package: a file system with your application, its libraries and a default command. A container is a running instance of an image with its own writable layer, process space and network. You can start many containers from one image, just as you can start many processes from one program.

                        Containers are not small virtual machines. They share the host's kernel and are isolated by kernel features — namespaces and control groups — which is why they start in a fraction of a second and cost little memory.

                        Try it: `docker run --rm -it alpine sh` gives you a shell in a tiny Linux system. Exit, run it again, and notice that nothing you changed survived. That is by design.
                        """),
                    Workbook()),
                Module("Dockerfiles",
                    Text("Writing a Dockerfile", 14, """
                        Each instruction in a Dockerfile adds a layer. Copy the dependency manifest and install dependencies before copying the rest of the source, so the slow step is cached until the dependencies change. A multi-stage build compiles in a full SDK image and copies only the result into a small runtime image.
                        """),
                    Text("Running as a non-root user", 10, """
                        Add a `USER` instruction so the process inside the container does not run as root. Combined with a minimal base image, this removes most of what an attacker could use if the application were compromised.
                        """)),
                Module("Volumes and Compose",
                    Text("Keeping data and running several services", 14, """
                        Data written inside a container disappears with it; a named volume keeps it. Docker Compose describes several services, their volumes and their network in one `compose.yaml`, so `docker compose up` starts a web app and its database together, each able to reach the other by service name.
                        """),
                    Quiz("Check your understanding",
                        Choice("What is the relationship between an image and a container?", "A container is a running instance of an image", "They are the same thing", "An image is a running container", "A container contains several images"),
                        Choice("Why copy the dependency manifest before the rest of the source?", "So the dependency layer stays cached until dependencies change", "Docker requires that order", "It makes the image smaller", "It runs the tests"),
                        FillIn("What keeps a container's data after the container is removed?", "a volume", "volume", "volumes"))),
            ]),

        new("Azure Container Apps in Production", "Ship .NET microservices to Azure with azd and Bicep", "cloud-devops", Advanced, 8499, Ada,
            """
            Azure Container Apps runs containers without making you operate Kubernetes. This course deploys a real .NET microservice system — an API, a worker and a web front end with PostgreSQL, Redis and a message broker — using Bicep for the infrastructure and the Azure Developer CLI for the deployment, then covers scaling, observability and security.

            ## Who this course is for
            - .NET developers responsible for deploying their services
            - Teams choosing between Container Apps, App Service and AKS
            """,
            ["Describe a Container Apps environment, its apps and revisions in Bicep",
             "Deploy and update a multi-service .NET app with azd",
             "Scale on HTTP traffic, queue length and CPU with KEDA rules",
             "Use managed identities and Key Vault instead of connection-string secrets"],
            ["Experience building ASP.NET Core services", "An Azure subscription"],
            [
                Module("Architecture",
                    Text("What Container Apps gives you", 14, """
                        A Container Apps environment is a secure boundary around a group of apps that share a virtual network and a Log Analytics workspace. Each app runs one or more revisions — immutable snapshots of its container and settings — and the platform handles ingress, TLS certificates, scaling and rolling updates.

                        Under the hood it is Kubernetes with KEDA and Envoy, but you never touch the cluster. In exchange you give up some control: no custom operators, no node pools to tune. For most web APIs and background workers that is a very good trade.

                        Plan the system before you deploy: which apps take outside traffic, which only talk internally, which need to scale to zero, and which secrets each one needs.
                        """),
                    Workbook()),
                Module("Bicep and azd",
                    Text("Infrastructure in Bicep", 14, """
                        Bicep describes Azure resources declaratively and compiles to ARM templates. Split the template into modules — environment, database, each app — and pass outputs such as the registry address from one module to the next. Lint it in CI so mistakes surface before a deployment.
                        """),
                    Text("Deploying with azd", 12, """
                        `azure.yaml` lists the services and where their code lives; `azd up` provisions the Bicep, builds the container images and deploys them. Afterwards, `azd deploy` ships code changes and `azd provision` applies infrastructure changes.
                        """)),
                Module("Scaling, observability and security",
                    Text("Running it well", 15, """
                        Scale rules decide the replica count: HTTP concurrency for APIs, queue length for workers. Export OpenTelemetry to Azure Monitor so one trace follows a request across services. Give each app a managed identity and grant it only the roles it needs; keep the remaining secrets in Key Vault and reference them from the app.
                        """),
                    Quiz("Check your understanding",
                        Choice("What is a revision in Azure Container Apps?", "An immutable snapshot of an app's container and settings", "A Git commit", "A Kubernetes node", "A backup of the database"),
                        Choice("Which command applies only infrastructure changes?", "azd provision", "azd deploy", "azd init", "az login"),
                        FillIn("What lets an app reach Azure resources without a stored password?", "managed identity", "a managed identity"))),
            ]),

        new("CI/CD with GitHub Actions", "Automate build, test and deployment pipelines", "cloud-devops", Intermediate, 3999, Lukas,
            """
            A good pipeline turns every push into a tested, deployable build within minutes. This course builds one with GitHub Actions step by step: workflow syntax, running tests in a matrix, caching and artifacts, deployments with environments and approvals, and reusable workflows that keep many repositories consistent.

            ## Who this course is for
            - Developers who want to automate their build and release
            - Teams moving from another CI system
            """,
            ["Write workflows triggered by pushes, pull requests and schedules",
             "Run tests across versions and platforms with a matrix",
             "Speed up builds with caching and share outputs with artifacts",
             "Deploy safely with environments, approvals and OpenID Connect"],
            ["A GitHub account", "A project with tests in any language"],
            [
                Module("Workflow syntax",
                    Text("Your first workflow", 12, """
                        A workflow is a YAML file in `.github/workflows/`. It says when to run (`on: [push, pull_request]`), on which machine (`runs-on: ubuntu-latest`) and what to do: a list of steps, each either a shell command (`run:`) or a reusable action (`uses: actions/checkout@v4`).

                        Jobs run in parallel unless one `needs` another. A typical pipeline has a build-and-test job on every push and a deploy job that needs it and runs only on the main branch.

                        Keep the workflow boring: the same commands a developer runs locally, in the same order. When CI fails, anyone should be able to reproduce the failure on their own machine.
                        """),
                    Workbook()),
                Module("Testing, caching and artifacts",
                    Text("Matrix builds", 12, """
                        A matrix runs the same job for every combination of values — three runtime versions on two operating systems is six jobs from one definition. Set `fail-fast: false` while you investigate so one failure does not cancel the rest.
                        """),
                    Text("Caching and artifacts", 12, """
                        Cache package downloads keyed by a hash of the lock file, so they are restored until the dependencies change. Upload build outputs and test reports as artifacts: later jobs can download them, and people can inspect them after a failure.
                        """)),
                Module("Deployments",
                    Text("Deploying safely", 14, """
                        Environments add protection rules such as required reviewers and limit which branches may deploy. Use OpenID Connect to let the workflow obtain short-lived cloud credentials instead of storing long-lived secrets in the repository.
                        """),
                    Quiz("Check your understanding",
                        Choice("Where do GitHub Actions workflow files live?", ".github/workflows/", "the repository root", ".ci/", "the wiki"),
                        Choice("What should a dependency cache key be based on?", "A hash of the lock file", "The current date", "The commit message", "The runner's name"),
                        FillIn("Which keyword makes one job wait for another?", "needs"))),
            ]),

        new("Terraform Infrastructure as Code", "Provision cloud infrastructure reliably and repeatably", "cloud-devops", Intermediate, 5999, Lukas,
            """
            Clicking through a cloud console does not scale and cannot be reviewed. Terraform describes infrastructure as code you can version, review and apply repeatedly. This course covers HCL, providers and resources, state and its locking, modules, environments, and testing infrastructure changes before they reach production.

            ## Who this course is for
            - Developers and operators who manage cloud resources
            - Teams that want infrastructure changes reviewed like code
            """,
            ["Write Terraform configurations with providers, resources and variables",
             "Manage remote state safely with locking",
             "Structure reusable modules and separate environments",
             "Review plans and test infrastructure changes"],
            ["Comfort with a terminal", "An account with a cloud provider"],
            [
                Module("HCL basics",
                    Text("Plan before you apply", 12, """
                        A Terraform configuration lists resources — a network, a database, a DNS record — with their arguments. `terraform plan` compares the configuration with the real infrastructure and prints exactly what it would create, change or destroy. `terraform apply` does it.

                        Read every plan. A rename that shows as "destroy and create" on a database is a very different change from one that updates a tag, and the plan is where you see the difference before it happens.

                        Variables make a configuration reusable (`var.region`), outputs expose values such as an address for other configurations, and `terraform fmt` and `validate` keep the code tidy and correct.
                        """),
                    Workbook()),
                Module("State and modules",
                    Text("State", 13, """
                        Terraform records what it created in a state file. Keep it in a remote backend with locking, never on one laptop, so two people cannot apply at the same time and nobody loses track of what exists. The state can contain secrets: restrict access to it.
                        """),
                    Text("Modules", 12, """
                        A module is a folder of Terraform code with inputs and outputs. Wrap a pattern you use repeatedly — a web app with its database and monitoring — in a module, version it, and compose environments from modules instead of copying code.
                        """)),
                Module("Environments and testing",
                    Text("Testing infrastructure", 14, """
                        Run `validate` and a linter on every pull request, post the plan as a comment for review, and use `terraform test` for modules. Apply to a staging environment with the same modules before production, so surprises happen where they are cheap.
                        """),
                    Quiz("Check your understanding",
                        Choice("Which command shows what Terraform would change without changing it?", "terraform plan", "terraform apply", "terraform init", "terraform output"),
                        Choice("Why keep state in a remote backend with locking?", "So two people cannot apply at once and the state is not lost", "Because local state is slower", "Terraform cannot read local files", "To make plans shorter"),
                        FillIn("What is a reusable folder of Terraform code with inputs and outputs called?", "a module", "module"))),
            ]),
    ];
}

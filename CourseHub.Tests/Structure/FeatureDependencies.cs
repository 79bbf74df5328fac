using Mono.Cecil;
using Mono.Cecil.Cil;

namespace CourseHub.Tests.Structure;

/// <summary>
/// Which feature folder of a service uses which, read from the compiled assembly (every signature, field, attribute
/// and instruction, lambdas and async state machines counted for the type that wrote them), so a fully qualified
/// name or a namespace-relative one cannot hide a dependency the way it could from a scan of <c>using</c> lines.
/// </summary>
public sealed class FeatureDependencies
{
    public const string SeamAttribute = "FeatureSeamAttribute";

    private FeatureDependencies(string root, IReadOnlyList<Use> uses)
    {
        Root = root;
        Uses = uses;
    }

    /// <summary>The service's root namespace, e.g. CourseHub.Api.</summary>
    public string Root { get; }

    /// <summary>Every use of a type of one feature (or Infrastructure) by a type of another place.</summary>
    public IReadOnlyList<Use> Uses { get; }

    public sealed record Use(string FromPlace, string FromType, string ToPlace, string ToType, bool ToIsSeam);

    public static FeatureDependencies Read(Type anyTypeOfService)
    {
        var assemblyPath = anyTypeOfService.Assembly.Location;
        var root = anyTypeOfService.Assembly.GetName().Name!;
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var uses = new HashSet<Use>();
        foreach (var type in module.GetTypes())
        {
            var owner = Outermost(type);
            var from = PlaceOf(root, owner.Namespace);
            if (from is null)
            {
                continue;
            }
            foreach (var used in ReferencedTypes(type))
            {
                var target = Outermost(used);
                var to = PlaceOf(root, target.Namespace);
                if (to is null || to == from)
                {
                    continue;
                }
                var definition = target.Resolve();
                var isSeam = definition?.CustomAttributes.Any(attribute => attribute.AttributeType.Name == SeamAttribute) ?? false;
                uses.Add(new Use(from, owner.FullName, to, target.FullName, isSeam));
            }
        }
        return new FeatureDependencies(root, uses.OrderBy(use => use.FromPlace).ThenBy(use => use.FromType).ToList());
    }

    /// <summary>"Features/Catalog" for CourseHub.Api.Features.Catalog(.Anything), "Infrastructure" for CourseHub.Api.Infrastructure(.Anything).</summary>
    public static string? PlaceOf(string root, string @namespace)
    {
        if (!@namespace.StartsWith(root + ".", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = @namespace[(root.Length + 1)..].Split('.');
        return parts[0] switch
        {
            "Features" when parts.Length > 1 => "Features/" + parts[1],
            "Infrastructure" => "Infrastructure",
            _ => null,
        };
    }

    /// <summary>Feature-to-feature edges, for the loop check.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> FeatureGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var use in Uses.Where(use => use.FromPlace.StartsWith("Features/") && use.ToPlace.StartsWith("Features/")))
        {
            if (!graph.TryGetValue(use.FromPlace, out var targets))
            {
                graph[use.FromPlace] = targets = [];
            }
            targets.Add(use.ToPlace);
        }
        return graph;
    }

    /// <summary>A loop of features (A → B → … → A), or null when the graph has none.</summary>
    public IReadOnlyList<string>? FindLoop()
    {
        var graph = FeatureGraph();
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        foreach (var start in graph.Keys)
        {
            if (Visit(start) is { } loop)
            {
                return loop;
            }
        }
        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }
            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path.Skip(path.IndexOf(node)), node];
            }
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } loop)
                {
                    return loop;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.IsNested)
        {
            type = type.DeclaringType;
        }
        return type;
    }

    private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? reference)
        {
            switch (reference)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument);
                    }
                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(reference);
                    return;
            }
        }
        void AddMethod(MethodReference method)
        {
            Add(method.DeclaringType);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
            }
            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }
        }
        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
            }
        }

        Add(type.BaseType);
        AddAttributes(type);
        foreach (var implemented in type.Interfaces)
        {
            Add(implemented.InterfaceType);
        }
        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field);
        }
        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property);
        }
        foreach (var method in type.Methods)
        {
            AddMethod(method);
            AddAttributes(method);
            if (!method.HasBody)
            {
                continue;
            }
            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType);
            }
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference typeOperand:
                        Add(typeOperand);
                        break;
                    case MethodReference methodOperand:
                        AddMethod(methodOperand);
                        break;
                    case FieldReference fieldOperand:
                        Add(fieldOperand.DeclaringType);
                        Add(fieldOperand.FieldType);
                        break;
                }
            }
        }
        return found;
    }
}

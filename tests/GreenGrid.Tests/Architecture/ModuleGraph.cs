using Mono.Cecil;
using Mono.Cecil.Cil;

namespace GreenGrid.Tests.Architecture;

/// <summary>
/// Every reference from a type of one module to a type of another, read from the compiled modules
/// assembly with Mono.Cecil: signatures, attributes, and the method bodies' instructions, so a
/// dependency hidden in a query lambda or a Razor page's generated code counts as well as a field.
/// A type's module is the second part of its namespace (<c>GreenGrid.Cases.Sweeps</c> is Cases);
/// nested and compiler-generated types count for the type they are declared in.
/// </summary>
internal sealed class ModuleGraph
{
    /// <summary>One reference: <paramref name="From"/> uses <paramref name="To"/> (both top-level type names).</summary>
    public sealed record Edge(string FromModule, string From, string ToModule, string To);

    public IReadOnlyList<Edge> Edges { get; }

    /// <summary>The full names of the types marked [ModuleContract].</summary>
    public IReadOnlySet<string> Contracts { get; }

    /// <summary>Every module the assembly has, with the number of its top-level types.</summary>
    public IReadOnlyDictionary<string, int> Modules { get; }

    private ModuleGraph(IReadOnlyList<Edge> edges, IReadOnlySet<string> contracts, IReadOnlyDictionary<string, int> modules)
    {
        Edges = edges;
        Contracts = contracts;
        Modules = modules;
    }

    public static ModuleGraph Read(string assemblyPath, string contractAttributeFullName, Func<string, string?> moduleOf)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var edges = new HashSet<Edge>();
        var contracts = new HashSet<string>(StringComparer.Ordinal);
        var modules = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in assembly.MainModule.Types)
        {
            var fromModule = moduleOf(type.Namespace);
            if (fromModule is null)
            {
                continue;
            }
            modules[fromModule] = modules.GetValueOrDefault(fromModule) + 1;
            if (type.CustomAttributes.Any(a => a.AttributeType.FullName == contractAttributeFullName))
            {
                contracts.Add(type.FullName);
            }
            var used = new HashSet<TypeReference>(TypeReferenceComparer.Instance);
            Collect(type, used);
            foreach (var target in used)
            {
                var top = TopLevel(target);
                if (top.Scope != assembly.MainModule && top.Scope.Name != assembly.MainModule.Name)
                {
                    continue; // another assembly: the framework or a package
                }
                var toModule = moduleOf(top.Namespace);
                if (toModule is not null && toModule != fromModule)
                {
                    edges.Add(new Edge(fromModule, type.FullName, toModule, top.FullName));
                }
            }
        }
        return new ModuleGraph(edges.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ToList(), contracts, modules);
    }

    /// <summary><c>GreenGrid.Cases.Sweeps</c> → Cases; a namespace outside GreenGrid's modules → null.</summary>
    public static string? ModuleOf(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length >= 2 && parts[0] == "GreenGrid" ? parts[1] : null;
    }

    private static TypeReference TopLevel(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        return type;
    }

    private static void Collect(TypeDefinition type, HashSet<TypeReference> used)
    {
        Add(type.BaseType, used);
        foreach (var i in type.Interfaces)
        {
            Add(i.InterfaceType, used);
        }
        AddAttributes(type, used);
        foreach (var g in type.GenericParameters)
        {
            foreach (var c in g.Constraints)
            {
                Add(c.ConstraintType, used);
            }
        }
        foreach (var field in type.Fields)
        {
            Add(field.FieldType, used);
            AddAttributes(field, used);
        }
        foreach (var property in type.Properties)
        {
            Add(property.PropertyType, used);
            AddAttributes(property, used);
        }
        foreach (var e in type.Events)
        {
            Add(e.EventType, used);
        }
        foreach (var method in type.Methods)
        {
            Add(method.ReturnType, used);
            AddAttributes(method, used);
            foreach (var p in method.Parameters)
            {
                Add(p.ParameterType, used);
                AddAttributes(p, used);
            }
            if (!method.HasBody)
            {
                continue;
            }
            foreach (var local in method.Body.Variables)
            {
                Add(local.VariableType, used);
            }
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t, used);
                        break;
                    case MethodReference m:
                        Add(m.DeclaringType, used);
                        Add(m.ReturnType, used);
                        foreach (var p in m.Parameters)
                        {
                            Add(p.ParameterType, used);
                        }
                        if (m is GenericInstanceMethod generic)
                        {
                            foreach (var a in generic.GenericArguments)
                            {
                                Add(a, used);
                            }
                        }
                        break;
                    case FieldReference f:
                        Add(f.DeclaringType, used);
                        Add(f.FieldType, used);
                        break;
                }
            }
        }
        foreach (var nested in type.NestedTypes)
        {
            Collect(nested, used);
        }
    }

    private static void AddAttributes(ICustomAttributeProvider provider, HashSet<TypeReference> used)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            Add(attribute.AttributeType, used);
            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Value is TypeReference t)
                {
                    Add(t, used); // typeof(X) in an attribute, e.g. a Razor page's layout
                }
            }
        }
    }

    private static void Add(TypeReference? type, HashSet<TypeReference> used)
    {
        switch (type)
        {
            case null:
            case GenericParameter:
                return;
            case GenericInstanceType generic:
                Add(generic.ElementType, used);
                foreach (var a in generic.GenericArguments)
                {
                    Add(a, used);
                }
                return;
            case TypeSpecification spec: // arrays, by-ref, pointers, nullable annotations
                Add(spec.ElementType, used);
                return;
            default:
                used.Add(type);
                return;
        }
    }

    private sealed class TypeReferenceComparer : IEqualityComparer<TypeReference>
    {
        public static readonly TypeReferenceComparer Instance = new();
        public bool Equals(TypeReference? x, TypeReference? y) => x?.FullName == y?.FullName;
        public int GetHashCode(TypeReference obj) => obj.FullName.GetHashCode(StringComparison.Ordinal);
    }
}

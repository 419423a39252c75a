namespace GreenGrid.Platform;

/// <summary>
/// Marks a type as part of its module's public contract: the small set of types that other modules
/// may use (the pattern of <c>CaseStatuses</c>, <c>ICaseEventListener</c>, <c>IPlaceTreeListener</c>).
/// Every other type of a module is its own business; the architecture test
/// (tests/GreenGrid.Tests/Architecture) fails when another module uses one, naming the reference.
/// Platform needs no mark: every module may use it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Enum | AttributeTargets.Delegate, Inherited = false)]
public sealed class ModuleContractAttribute : Attribute;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A WebMacs package that adds services whenever it is part of the application, without a call of its own
/// (the ASP.NET Core package registers authentication and authorization this way, so that a host needs only
/// <c>AddWebMacs()</c> and <c>MapWebMacs()</c>).
/// </summary>
internal interface IWebMacsModule
{
    void Register(IWebMacsBuilder builder);
}

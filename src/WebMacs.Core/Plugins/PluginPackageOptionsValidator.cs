using Microsoft.Extensions.Options;

namespace WebMacs.Plugins;

[OptionsValidator]
internal sealed partial class PluginPackageOptionsValidator : IValidateOptions<PluginPackageOptions>;

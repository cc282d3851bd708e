using WebMacs.Plugins;
using WebMacs.Plugins.Modbus;

[assembly: WebMacsPlugin(typeof(ModbusPlugin))]

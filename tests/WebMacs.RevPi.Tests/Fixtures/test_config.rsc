{
  "App": {"name": "PiCtory", "version": "2.1.2", "saveTS": "20251101120000", "language": "en"},
  "Summary": {"inpTotal": 31, "outTotal": 18},
  "Devices": [
    {
      "catalogNr": "RevPiConnect4", "GUID": "00000000-0000-0000-0000-000000000001",
      "id": "device_RevPiConnect4_20230409_1_0_001", "type": "BASE", "productType": "136", "position": "0",
      "name": "RevPi Connect 4", "bmk": "RevPi Connect 4", "inpVariant": 0, "outVariant": 0,
      "comment": "Written for the WebMacs tests", "offset": 0,
      "inp": {
        "0": ["RevPiStatus", "0", "8", "0", true, "0000", "", ""],
        "1": ["RevPiIOCycle", "0", "8", "1", true, "0001", "", ""],
        "2": ["RS485ErrorCnt", "0", "16", "2", false, "0002", "", ""],
        "3": ["Core_Temperature", "0", "8", "4", false, "0003", "CPU temperature", ""],
        "4": ["Core_Frequency", "0", "8", "5", false, "0004", "", ""]
      },
      "out": {
        "0": ["RevPiOutput", "0", "8", "6", true, "0005", "", ""],
        "1": ["RS485ErrorLimit1", "10", "16", "7", false, "0006", "", ""],
        "2": ["RS485ErrorLimit2", "1000", "16", "9", false, "0007", "", ""],
        "3": ["RevPiLED", "0", "16", "11", true, "0008", "", ""]
      },
      "mem": {}, "extend": {}
    },
    {
      "catalogNr": "RevPiDIO", "GUID": "00000000-0000-0000-0000-000000000002",
      "id": "device_RevPiDIO_20160818_1_0_001", "type": "LEFT_RIGHT", "productType": "96", "position": "32",
      "name": "dio01", "bmk": "RevPi DIO", "inpVariant": 0, "outVariant": 0, "comment": "", "offset": 13,
      "inp": {
        "0": ["I_1", "0", "1", "0", true, "0000", "", "0"],
        "1": ["I_2", "0", "1", "0", true, "0001", "", "1"],
        "2": ["I_3", "0", "1", "0", true, "0002", "", "2"],
        "3": ["I_9", "0", "1", "0", true, "0003", "", "8"],
        "4": ["AnalogIn", "0", "16", "2", false, "0004", "Voltage input", ""],
        "5": ["Counter_1", "0", "32", "6", false, "0005", "", ""]
      },
      "out": {
        "0": ["O_1", "0", "1", "10", true, "0006", "", "0"],
        "1": ["O_2", "1", "1", "10", true, "0007", "", "1"],
        "2": ["O_3", "0", "1", "10", true, "0008", "", "5"],
        "3": ["O_10", "0", "1", "10", true, "0009", "", "9"],
        "4": ["PWM_1", "50", "8", "12", false, "0010", "", ""],
        "5": ["Setpoint", "500", "16", "13", false, "0011", "Heater current", ""]
      },
      "mem": {
        "0": ["InputDebounce", "0", "16", "16", false, "0012", "", ""]
      },
      "extend": {}
    },
    {
      "catalogNr": "Virtual01", "GUID": "00000000-0000-0000-0000-000000000003",
      "id": "device_Virtual01_20160818_1_0_001", "type": "VIRTUAL", "productType": "32768", "position": "64",
      "name": "virt01", "bmk": "Virtual Device 32 Byte", "inpVariant": 0, "outVariant": 0, "comment": "", "offset": 31,
      "inp": {
        "0": ["v_in", "0", "32", "0", false, "0000", "", ""]
      },
      "out": {
        "0": ["v_out", "0", "8", "4", false, "0001", "", ""]
      },
      "mem": {}, "extend": {}
    }
  ],
  "Connections": []
}

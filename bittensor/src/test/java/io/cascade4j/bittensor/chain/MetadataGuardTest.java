package io.cascade4j.bittensor.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataGuardTest {
  static RuntimeMetadata load(String resource) throws Exception {
    try (InputStream in = MetadataGuardTest.class.getResourceAsStream("/subtensor/" + resource)) {
      String hex = new ObjectMapper().readTree(in).get("result").asText();
      return RuntimeMetadata.parse(HexFormat.of().parseHex(hex.substring(2)));
    }
  }

  @Test
  void theRecordedV14AndV15MetadataPassTheGuard() throws Exception {
    RuntimeMetadata v14 = load("metadata-v14-spec343.json");
    RuntimeMetadata v15 = load("metadata-v15-spec343.json");
    assertThat(v14.version()).isEqualTo(14);
    assertThat(v15.version()).isEqualTo(15);
    assertThat(v15.pallets().get("SubtensorModule").index()).isEqualTo(7);
    assertThat(v15.extensions()).extracting(RuntimeMetadata.Extension::identifier).contains("CheckMortality",
        "CheckNonce", "ChargeTransactionPayment", "SubtensorTransactionExtension", "CheckMetadataHash");
    MetadataGuard.check(v14);
    MetadataGuard.check(v15);
  }

  @Test
  void anUnknownExtensionWithDataOrAMovedCallIsRefused() throws Exception {
    RuntimeMetadata v15 = load("metadata-v15-spec343.json");
    // A new extension whose explicit bytes are a u32 (the type of CheckSpecVersion's signed data).
    RuntimeMetadata.Extension spec = v15.extensions().stream()
        .filter(e -> e.identifier().equals("CheckSpecVersion")).findFirst().orElseThrow();
    List<RuntimeMetadata.Extension> extensions = new ArrayList<>(v15.extensions());
    extensions.add(new RuntimeMetadata.Extension("ChargeSomethingNew", spec.implicitType(), spec.type()));
    RuntimeMetadata withNew = new RuntimeMetadata(15, v15.types(), v15.pallets(), extensions, v15.apis());
    assertThatThrownBy(() -> MetadataGuard.check(withNew))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("unknown extension ChargeSomethingNew carries data (u32)");

    Map<String, RuntimeMetadata.Pallet> pallets = new HashMap<>(v15.pallets());
    RuntimeMetadata.Pallet subtensor = pallets.get("SubtensorModule");
    pallets.put("SubtensorModule", new RuntimeMetadata.Pallet("SubtensorModule", 8, subtensor.callType()));
    RuntimeMetadata moved = new RuntimeMetadata(15, v15.types(), pallets, v15.extensions(), v15.apis());
    assertThatThrownBy(() -> MetadataGuard.check(moved)).hasMessageContaining("SubtensorModule is pallet 8, not 7");

    Map<String, RuntimeMetadata.ApiMethod> apis = new HashMap<>(v15.apis());
    RuntimeMetadata.ApiMethod lite = apis.get("NeuronInfoRuntimeApi_get_neurons_lite");
    apis.put("NeuronInfoRuntimeApi_get_neurons_lite", new RuntimeMetadata.ApiMethod(lite.name(), lite.inputs(),
        v15.apis().get("SubnetInfoRuntimeApi_get_selective_mechagraph").output()));
    RuntimeMetadata changed = new RuntimeMetadata(15, v15.types(), v15.pallets(), v15.extensions(), apis);
    assertThatThrownBy(() -> MetadataGuard.check(changed))
        .hasMessageContaining("NeuronInfoRuntimeApi_get_neurons_lite output: expected vec<");
  }

  @Test
  void otherVersionsAndTruncatedMetadataAreRefused() throws Exception {
    assertThatThrownBy(() -> RuntimeMetadata.parse(new byte[] {'m', 'e', 't', 'a', 16, 0}))
        .hasMessageContaining("metadata v16 is not supported");
    try (InputStream in = MetadataGuardTest.class.getResourceAsStream("/subtensor/metadata-v15-spec343.json")) {
      String hex = new ObjectMapper().readTree(in).get("result").asText();
      byte[] bytes = HexFormat.of().parseHex(hex.substring(2, 20_000));
      assertThatThrownBy(() -> RuntimeMetadata.parse(bytes)).isInstanceOf(ScaleException.class);
    }
  }
}

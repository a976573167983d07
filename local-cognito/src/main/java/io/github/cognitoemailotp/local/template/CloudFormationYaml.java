package io.github.cognitoemailotp.local.template;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads a CloudFormation/SAM template, turning short-form tags ({@code !Ref x}) into long form. */
public final class CloudFormationYaml {

  private static final List<String> FUNCTIONS =
      List.of(
          "Ref",
          "Condition",
          "Sub",
          "GetAtt",
          "If",
          "Not",
          "Equals",
          "And",
          "Or",
          "Select",
          "Split",
          "Join",
          "FindInMap",
          "Base64",
          "GetAZs",
          "ImportValue",
          "Contains");

  private CloudFormationYaml() {}

  public static Map<String, Object> read(String text) {
    Object document = new Yaml(new Constructor()).load(text);
    if (!(document instanceof Map<?, ?>)) {
      throw new TemplateException("the template is not a YAML mapping");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> template = (Map<String, Object>) document;
    return template;
  }

  private static final class Constructor extends SafeConstructor {
    Constructor() {
      super(new LoaderOptions());
      for (String function : FUNCTIONS) {
        String longName =
            function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
        yamlConstructors.put(
            new Tag("!" + function),
            new AbstractConstruct() {
              @Override
              public Object construct(Node node) {
                Object value =
                    switch (node) {
                      case ScalarNode scalar -> constructScalar(scalar);
                      case SequenceNode sequence -> constructSequence(sequence);
                      case MappingNode mapping -> constructMapping(mapping);
                      default -> throw new TemplateException("unexpected YAML node " + node);
                    };
                if (longName.equals("Fn::GetAtt") && value instanceof String text) {
                  value = List.of(text.split("\\.", 2));
                }
                return Map.of(longName, value);
              }
            });
      }
    }
  }
}

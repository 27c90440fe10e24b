package io.relyscan.cli.config;

import io.relyscan.core.error.InputException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.util.Iterator;

/**
 * Composes a relyscan YAML file (configuration, waivers) into nodes with positions: one document, YAML 1.2 core
 * schema, no recursive keys, few aliases. Nothing is constructed, so no type named in the file is instantiated.
 */
final class YamlDocuments {
    private YamlDocuments() {
    }

    /**
     * @param emptyProblem what to say when the file holds no document (or only comments)
     * @return the single document's root node, never an empty one
     * @throws InputException for malformed YAML, an empty file or a second document
     */
    static Node composeOne(String file, String text, YamlProblems problems, String emptyProblem) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new CoreSchema())
                .setUseMarks(true).setAllowRecursiveKeys(false).setMaxAliasesForCollections(50).build();
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(body).iterator();
            if (!documents.hasNext()) {
                throw problems.at(1, 1, "", emptyProblem);
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                throw problems.at(documents.next(), "", "only one YAML document is allowed; remove the second "
                        + "'---' and what follows it, or merge it into the first");
            }
            if (root instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
                throw problems.at(1, 1, "", emptyProblem);
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            String problem = e.getProblem() == null || e.getProblem().isBlank() ? e.getContext() : e.getProblem();
            throw problems.at(e.getProblemMark().or(e::getContextMark), "", "malformed YAML: " + problem
                    + aliasHint(e));
        } catch (YamlEngineException e) {
            throw problems.at(0, 0, "", "malformed YAML: " + e.getMessage());
        }
    }

    /** A bare {@code *} (as in {@code resource: *}) starts a YAML alias: say how to write it instead. */
    private static String aliasHint(MarkedYamlEngineException e) {
        String context = e.getContext() == null ? "" : e.getContext();
        String problem = e.getProblem() == null ? "" : e.getProblem();
        return context.contains("alias") || problem.contains("alias")
                ? " (a value starting with * must be quoted, e.g. resource: \"*\")" : "";
    }
}

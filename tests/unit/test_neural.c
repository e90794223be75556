/*
** test_neural.c: NeuralNetwork scoring on small networks whose outputs are
** worked out by hand in the comments: every activation function, radial
** basis units, layer overrides, softmax and simplemax, NeuralInputs with
** expressions, NeuralOutputs for classes and for a regression target, and
** the documents that must be refused.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"
#define DD                                                                   \
  "<DataDictionary>"                                                         \
  "<DataField name=\"x1\" optype=\"continuous\" dataType=\"double\"/>"       \
  "<DataField name=\"x2\" optype=\"continuous\" dataType=\"double\"/>"       \
  "<DataField name=\"x3\" optype=\"continuous\" dataType=\"double\"/>"       \
  "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"red\"/><Value value=\"blue\"/></DataField>"                \
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"k\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"a\"/><Value value=\"b\"/><Value value=\"c\"/>"             \
  "</DataField></DataDictionary>\n"
#define MS_REG                                                               \
  "<MiningSchema><MiningField name=\"x1\"/><MiningField name=\"x2\"/>"       \
  "<MiningField name=\"x3\"/><MiningField name=\"c\"/>"                      \
  "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
#define MS_CLS                                                               \
  "<MiningSchema><MiningField name=\"x1\"/><MiningField name=\"x2\"/>"       \
  "<MiningField name=\"k\" usageType=\"target\"/></MiningSchema>"
#define IN_X1                                                                \
  "<NeuralInputs><NeuralInput id=\"i1\"><DerivedField optype=\"continuous\"" \
  " dataType=\"double\"><FieldRef field=\"x1\"/></DerivedField>"             \
  "</NeuralInput></NeuralInputs>"
#define IN_X12                                                               \
  "<NeuralInputs><NeuralInput id=\"i1\"><DerivedField optype=\"continuous\"" \
  " dataType=\"double\"><FieldRef field=\"x1\"/></DerivedField>"             \
  "</NeuralInput><NeuralInput id=\"i2\"><DerivedField "                      \
  "optype=\"continuous\" dataType=\"double\"><FieldRef field=\"x2\"/>"       \
  "</DerivedField></NeuralInput></NeuralInputs>"
#define OUT_Y(neuron)                                                        \
  "<NeuralOutputs><NeuralOutput outputNeuron=\"" neuron "\"><DerivedField "  \
  "optype=\"continuous\" dataType=\"double\"><FieldRef field=\"y\"/>"        \
  "</DerivedField></NeuralOutput></NeuralOutputs>"
#define OUT_K(na, nb, nc)                                                    \
  "<NeuralOutputs>"                                                          \
  "<NeuralOutput outputNeuron=\"" na "\"><DerivedField><NormDiscrete "       \
  "field=\"k\" value=\"a\"/></DerivedField></NeuralOutput>"                  \
  "<NeuralOutput outputNeuron=\"" nb "\"><DerivedField><NormDiscrete "       \
  "field=\"k\" value=\"b\"/></DerivedField></NeuralOutput>"                  \
  "<NeuralOutput outputNeuron=\"" nc "\"><DerivedField><NormDiscrete "       \
  "field=\"k\" value=\"c\"/></DerivedField></NeuralOutput>"                  \
  "</NeuralOutputs>"
#define OUTPUT_K                                                             \
  "<Output><OutputField name=\"pa\" feature=\"probability\" value=\"a\"/>"   \
  "<OutputField name=\"pb\" feature=\"probability\" value=\"b\"/>"           \
  "<OutputField name=\"pc\" feature=\"probability\" value=\"c\"/>"           \
  "<OutputField name=\"id\" feature=\"entityId\"/></Output>"

static char doc[16384];

/* y = f(2 x1 - 1): one input, one neuron with activation 'act' (and the
** network's attributes 'net'). */
static const char *
unit(const char *net, const char *act)
{
  snprintf(doc, sizeof doc,
           HEAD DD "<NeuralNetwork functionName=\"regression\" "
                   "activationFunction=\"%s\" %s>" MS_REG IN_X1
                   "<NeuralLayer><Neuron id=\"n\" bias=\"-1\">"
                   "<Con from=\"i1\" weight=\"2\"/></Neuron></NeuralLayer>"
                   OUT_Y("n") "</NeuralNetwork></PMML>",
           act, net);
  return doc;
}

static void
test_activations(void)
{
  /* x1 = 1: Z = 2 - 1 = 1. */
  CHECK(unit("threshold=\"0.5\"", "threshold"), "x1=1", "y", "1");
  /* x1 = 0.5: Z = 0, not above 0.5. */
  CHECK(unit("threshold=\"0.5\"", "threshold"), "x1=0.5", "y", "0");
  /* The default threshold is 0: Z = 0 is not above it. */
  CHECK(unit("", "threshold"), "x1=0.5", "y", "0");
  CHECK(unit("", "threshold"), "x1=0.51", "y", "1");
  /* 1 / (1 + e^-1) */
  CHECKN(unit("", "logistic"), "x1=1", "y", 0.7310585786300049);
  /* (1 - e^-2) / (1 + e^-2) = tanh 1 */
  CHECKN(unit("", "tanh"), "x1=1", "y", 0.7615941559557649);
  CHECK(unit("", "identity"), "x1=1.25", "y", "1.5");
  CHECKN(unit("", "exponential"), "x1=1", "y", 2.718281828459045);
  /* x1 = 1.5: Z = 2, 1/Z = 0.5, Z^2 = 4. */
  CHECK(unit("", "reciprocal"), "x1=1.5", "y", "0.5");
  CHECK(unit("", "square"), "x1=1.5", "y", "4");
  /* exp(-Z^2) = e^-1 */
  CHECKN(unit("", "Gauss"), "x1=1", "y", 0.36787944117144233);
  CHECKN(unit("", "sine"), "x1=1", "y", 0.8414709848078965);
  CHECKN(unit("", "cosine"), "x1=1", "y", 0.5403023058681398);
  /* Z / (1 + |Z|): 1/2; x1 = -1: Z = -3, -3/4. */
  CHECK(unit("", "Elliott"), "x1=1", "y", "0.5");
  CHECK(unit("", "Elliott"), "x1=-1", "y", "-0.75");
  /* 2 arctan(1) / pi = 2 (pi/4) / pi = 0.5 */
  CHECK(unit("", "arctan"), "x1=1", "y", "0.5");
  /* max(0, Z): 1, then 0 for Z = -3. */
  CHECK(unit("", "rectifier"), "x1=1", "y", "1");
  CHECK(unit("", "rectifier"), "x1=-1", "y", "0");
  /* A missing input: no prediction. */
  CHECK(unit("", "identity"), "x1=?", "y", "<missing>");
}

/* A radial basis unit centred on (1, 2): Z = |x - w|^2 / (2 width^2),
** output exp(fan-in ln(altitude) - Z). 'layer' and 'neuron' add
** attributes. */
static const char *
rbf(const char *layer, const char *neuron)
{
  snprintf(doc, sizeof doc,
           HEAD DD "<NeuralNetwork functionName=\"regression\" "
                   "activationFunction=\"radialBasis\" width=\"2\">" MS_REG
                   IN_X12 "<NeuralLayer %s><Neuron id=\"n\" %s>"
                   "<Con from=\"i1\" weight=\"1\"/>"
                   "<Con from=\"i2\" weight=\"2\"/></Neuron></NeuralLayer>"
                   OUT_Y("n") "</NeuralNetwork></PMML>",
           layer, neuron);
  return doc;
}

static void
test_radial_basis(void)
{
  /* x = (3, 2): |x - w|^2 = 4; width 2: Z = 4 / 8 = 0.5; altitude 1:
  ** exp(-0.5). */
  CHECKN(rbf("", ""), "x1=3,x2=2", "y", 0.6065306597126334);
  /* The layer's altitude 3, fan-in 2: exp(2 ln 3 - 0.5) = 9 e^-0.5. */
  CHECKN(rbf("altitude=\"3\"", ""), "x1=3,x2=2", "y", 5.4587759374137015);
  /* The neuron's width 1 wins: Z = 4 / 2 = 2, exp(-2). */
  CHECKN(rbf("altitude=\"3\"", "width=\"1\" altitude=\"1\""), "x1=3,x2=2",
         "y", 0.1353352832366127);
  /* The layer's width 4: Z = 4 / 32 = 0.125. */
  CHECKN(rbf("width=\"4\"", ""), "x1=3,x2=2", "y", 0.8824969025845955);
  /* At the centre, Z = 0: exp(0) = 1. */
  CHECK(rbf("", ""), "x1=1,x2=2", "y", "1");
}

/* Two layers: h = f1(x1 + x2 + bias), y = f2(2 h). */
static const char *
two(const char *net, const char *l1, const char *l2)
{
  snprintf(doc, sizeof doc,
           HEAD DD "<NeuralNetwork functionName=\"regression\" %s>" MS_REG
                   IN_X12 "<NeuralLayer %s><Neuron id=\"h\" bias=\"-1\">"
                   "<Con from=\"i1\" weight=\"1\"/>"
                   "<Con from=\"i2\" weight=\"1\"/></Neuron></NeuralLayer>"
                   "<NeuralLayer %s><Neuron id=\"o\">"
                   "<Con from=\"h\" weight=\"2\"/></Neuron></NeuralLayer>"
                   OUT_Y("o") "</NeuralNetwork></PMML>",
           net, l1, l2);
  return doc;
}

static void
test_layers(void)
{
  /* x = (1, 2): Z1 = 2. */
  /* identity everywhere: y = 2 * 2 = 4. */
  CHECK(two("activationFunction=\"identity\"", "", ""), "x1=1,x2=2", "y",
        "4");
  /* The network says square, the first layer identity: h = 2, y = 16. */
  CHECK(two("activationFunction=\"square\"",
            "activationFunction=\"identity\"", ""),
        "x1=1,x2=2", "y", "16");
  /* The network's threshold 3 for layer 1 (2 is not above it: h = 0, so
  ** y = identity(0) = 0); layer 1's own threshold 1.5 makes h = 1, y = 2. */
  CHECK(two("activationFunction=\"identity\" threshold=\"3\"",
            "activationFunction=\"threshold\"", ""),
        "x1=1,x2=2", "y", "0");
  CHECK(two("activationFunction=\"identity\" threshold=\"3\"",
            "activationFunction=\"threshold\" threshold=\"1.5\"", ""),
        "x1=1,x2=2", "y", "2");
  /* A one-neuron layer with simplemax is 1 (z / z): y = 2 * 1 = 2; the
  ** network's normalizationMethod applies to every layer without its own:
  ** the output layer too, so y = 2 / 2 = 1. */
  CHECK(two("activationFunction=\"identity\"",
            "normalizationMethod=\"simplemax\"", ""),
        "x1=1,x2=2", "y", "2");
  CHECK(two("activationFunction=\"identity\" "
            "normalizationMethod=\"simplemax\"",
            "", ""),
        "x1=1,x2=2", "y", "1");
  CHECK(two("activationFunction=\"identity\" "
            "normalizationMethod=\"simplemax\"",
            "", "normalizationMethod=\"none\""),
        "x1=1,x2=2", "y", "2");
}

/* Three output neurons with Z = (x1, 2 x1, 3 x1) (identity), normalized by
** 'norm', one per class a, b, c. */
static const char *
classes(const char *norm)
{
  snprintf(doc, sizeof doc,
           HEAD DD "<NeuralNetwork functionName=\"classification\" "
                   "activationFunction=\"identity\">" MS_CLS OUTPUT_K IN_X1
                   "<NeuralLayer normalizationMethod=\"%s\">"
                   "<Neuron id=\"na\"><Con from=\"i1\" weight=\"1\"/></Neuron>"
                   "<Neuron id=\"nb\"><Con from=\"i1\" weight=\"2\"/></Neuron>"
                   "<Neuron id=\"nc\"><Con from=\"i1\" weight=\"3\"/></Neuron>"
                   "</NeuralLayer>" OUT_K("na", "nb", "nc")
                   "</NeuralNetwork></PMML>",
           norm);
  return doc;
}

static void
test_normalization(void)
{
  /* x1 = 1: Z = (1, 2, 3). softmax: e^(z-3) / (e^-2 + e^-1 + 1):
  ** 0.0900306, 0.2447285, 0.6652410. */
  CHECKN(classes("softmax"), "x1=1", "pa", 0.09003057317038046);
  CHECKN(classes("softmax"), "x1=1", "pb", 0.24472847105479764);
  CHECKN(classes("softmax"), "x1=1", "pc", 0.6652409557748218);
  CHECK(classes("softmax"), "x1=1", "k", "c");
  CHECK(classes("softmax"), "x1=1", "id", "nc");
  /* simplemax: z / 6. */
  CHECKN(classes("simplemax"), "x1=1", "pa", 1.0 / 6);
  CHECKN(classes("simplemax"), "x1=1", "pb", 2.0 / 6);
  CHECK(classes("simplemax"), "x1=1", "pc", "0.5");
  /* none: the activations as they are; x1 = -1: (-1, -2, -3), a wins. */
  CHECK(classes("none"), "x1=-1", "pb", "-2");
  CHECK(classes("none"), "x1=-1", "k", "a");
  /* x1 = 0: all 0, the first output wins. */
  CHECK(classes("none"), "x1=0", "k", "a");
  CHECK(classes("none"), "x1=?", "k", "<missing>");
}

static void
test_inputs_outputs(void)
{
  /* NeuralInputs: NormContinuous maps x1 from [0, 10] to [0, 1];
  ** NormDiscrete is 1 for c = red. Output neuron o = i1 + 10 i2 (identity),
  ** mapped back through NormContinuous y: norm 0 -> 0, 0.5 -> 10,
  ** 1 -> 110. */
  static const char nets[] =
      HEAD DD "<NeuralNetwork functionName=\"regression\" "
              "activationFunction=\"identity\">" MS_REG
              "<NeuralInputs><NeuralInput id=\"i1\"><DerivedField "
              "optype=\"continuous\" dataType=\"double\">"
              "<NormContinuous field=\"x1\"><LinearNorm orig=\"0\" norm=\"0\"/>"
              "<LinearNorm orig=\"10\" norm=\"1\"/></NormContinuous>"
              "</DerivedField></NeuralInput>"
              "<NeuralInput id=\"i2\"><DerivedField optype=\"continuous\" "
              "dataType=\"double\"><NormDiscrete field=\"c\" value=\"red\"/>"
              "</DerivedField></NeuralInput></NeuralInputs>"
              "<NeuralLayer><Neuron id=\"o\"><Con from=\"i1\" weight=\"1\"/>"
              "<Con from=\"i2\" weight=\"0.1\"/></Neuron></NeuralLayer>"
              "<NeuralOutputs><NeuralOutput outputNeuron=\"o\"><DerivedField>"
              "<NormContinuous field=\"y\"><LinearNorm orig=\"0\" norm=\"0\"/>"
              "<LinearNorm orig=\"10\" norm=\"0.5\"/>"
              "<LinearNorm orig=\"110\" norm=\"1\"/></NormContinuous>"
              "</DerivedField></NeuralOutput></NeuralOutputs>"
              "</NeuralNetwork></PMML>";
  /* x1 = 5, blue: o = 0.5 -> y = 10. */
  CHECK(nets, "x1=5,c=blue", "y", "10");
  /* x1 = 2.5, blue: o = 0.25 -> y = 5 (first piece). */
  CHECK(nets, "x1=2.5,c=blue", "y", "5");
  /* x1 = 5, red: o = 0.6 -> 10 + (0.6 - 0.5) / 0.5 * 100 = 30. */
  CHECKN(nets, "x1=5,c=red", "y", 30.0);
  /* x1 = 10, red: o = 1.1 -> beyond the last piece, extended: 130. */
  CHECKN(nets, "x1=10,c=red", "y", 130.0);
  CHECK(nets, "x1=5,c=?", "y", "<missing>");
}

/* A NeuralOutput whose FieldRef names a LocalTransformations field stands
** for that field's NormContinuous: y = (o - 1) * 10. */
static void
test_output_through_derived(void)
{
  static const char net[] =
      HEAD DD "<NeuralNetwork functionName=\"regression\" "
              "activationFunction=\"identity\">" MS_REG
              "<LocalTransformations><DerivedField name=\"y_norm\" "
              "optype=\"continuous\" dataType=\"double\"><NormContinuous "
              "field=\"y\"><LinearNorm orig=\"0\" norm=\"1\"/>"
              "<LinearNorm orig=\"10\" norm=\"2\"/></NormContinuous>"
              "</DerivedField></LocalTransformations>" IN_X1
              "<NeuralLayer><Neuron id=\"o\"><Con from=\"i1\" weight=\"1\"/>"
              "</Neuron></NeuralLayer>"
              "<NeuralOutputs><NeuralOutput outputNeuron=\"o\"><DerivedField>"
              "<FieldRef field=\"y_norm\"/></DerivedField></NeuralOutput>"
              "</NeuralOutputs></NeuralNetwork></PMML>";
  /* o = 1.5 -> (1.5 - 1) / 1 * 10 + 0 = 5. */
  CHECK(net, "x1=1.5", "y", "5");
}

/* A dense network of 3 inputs, 9 hidden tanh neurons (a block of 8 and one
** more) and one identity output: the blocked matrix must give what the
** neuron-by-neuron sums give. Hidden neuron j has weights (j, -1, 0.5) and
** bias 0.1 j; the output weight of neuron j is 1 / (j + 1). */
static void
test_dense(void)
{
  char *p = doc;
  double x[3] = {0.3, -0.2, 0.7}, y = 0;
  int j;
  p += sprintf(p, HEAD DD "<NeuralNetwork functionName=\"regression\" "
                          "activationFunction=\"tanh\">" MS_REG
                          "<NeuralInputs>");
  for (j = 0; j < 3; j++)
    p += sprintf(p,
                 "<NeuralInput id=\"i%d\"><DerivedField><FieldRef "
                 "field=\"%s\"/></DerivedField></NeuralInput>",
                 j, j == 0 ? "x1" : j == 1 ? "x2" : "x3");
  p += sprintf(p, "</NeuralInputs><NeuralLayer>");
  for (j = 0; j < 9; j++)
    p += sprintf(p,
                 "<Neuron id=\"h%d\" bias=\"%.17g\"><Con from=\"i0\" "
                 "weight=\"%d\"/><Con from=\"i1\" weight=\"-1\"/><Con "
                 "from=\"i2\" weight=\"0.5\"/></Neuron>",
                 j, 0.1 * j, j);
  p += sprintf(p, "</NeuralLayer><NeuralLayer activationFunction="
                  "\"identity\"><Neuron id=\"o\">");
  for (j = 0; j < 9; j++)
    p += sprintf(p, "<Con from=\"h%d\" weight=\"%.17g\"/>", j,
                 1.0 / (j + 1));
  p += sprintf(p, "</Neuron></NeuralLayer>" OUT_Y("o")
                  "</NeuralNetwork></PMML>");
  /* The same sums in the same order here. */
  for (j = 0; j < 9; j++) {
    double z = 0;
    z += (double)j * x[0];
    z += -1.0 * x[1];
    z += 0.5 * x[2];
    z += 0.1 * j;
    y += (1.0 / (j + 1)) * tanh(z);
  }
  CHECKN(doc, "x1=0.3,x2=-0.2,x3=0.7", "y", y);
}

static void
test_refused(void)
{
  snprintf(doc, sizeof doc,
           HEAD DD "<NeuralNetwork functionName=\"regression\" "
                   "activationFunction=\"identity\">" MS_REG IN_X1
                   "<NeuralLayer><Neuron id=\"n\"><Con from=\"zz\" "
                   "weight=\"1\"/></Neuron></NeuralLayer>" OUT_Y("n")
                   "</NeuralNetwork></PMML>");
  CHECK(doc, "x1=1", "y",
        "ERR:Con (Neuron line 3): from=\"zz\" is no NeuralInput nor Neuron");
  snprintf(doc, sizeof doc,
           HEAD DD "<NeuralNetwork functionName=\"regression\" "
                   "activationFunction=\"identity\">" MS_REG IN_X1
                   "<NeuralLayer><Neuron id=\"n\"><Con from=\"n\" "
                   "weight=\"1\"/></Neuron></NeuralLayer>" OUT_Y("n")
                   "</NeuralNetwork></PMML>");
  CHECK(doc, "x1=1", "y",
        "ERR:Con (Neuron line 3): from=\"n\" is not in an earlier layer "
        "(recurrent networks are not supported)");
  snprintf(doc, sizeof doc,
           HEAD DD "<NeuralNetwork functionName=\"regression\" "
                   "activationFunction=\"radialBasis\">" MS_REG IN_X1
                   "<NeuralLayer><Neuron id=\"n\"><Con from=\"i1\" "
                   "weight=\"1\"/></Neuron></NeuralLayer>" OUT_Y("n")
                   "</NeuralNetwork></PMML>");
  CHECK(doc, "x1=1", "y",
        "ERR:Neuron (line 3): radialBasis needs a width (of the Neuron, its "
        "NeuralLayer or the NeuralNetwork)");
  snprintf(doc, sizeof doc,
           HEAD DD "<NeuralNetwork functionName=\"regression\" "
                   "activationFunction=\"identity\">" MS_REG IN_X1
                   "<NeuralLayer><Neuron id=\"n\"><Con from=\"i1\" "
                   "weight=\"1\"/></Neuron></NeuralLayer>" OUT_Y("m")
                   "</NeuralNetwork></PMML>");
  CHECK(doc, "x1=1", "y",
        "ERR:NeuralOutput (line 3): outputNeuron=\"m\" is no Neuron");
}

static void
test_nomem(void)
{
  check_nomem(classes("softmax"));
  check_nomem(rbf("altitude=\"3\"", ""));
}

void add_neural_suite(void);

void
add_neural_suite(void)
{
  CU_pSuite s = CU_add_suite("neural", NULL, NULL);
  CU_add_test(s, "activation functions", test_activations);
  CU_add_test(s, "radial basis units", test_radial_basis);
  CU_add_test(s, "layer overrides", test_layers);
  CU_add_test(s, "softmax and simplemax", test_normalization);
  CU_add_test(s, "NeuralInputs and NeuralOutputs", test_inputs_outputs);
  CU_add_test(s, "NeuralOutput through a DerivedField",
              test_output_through_derived);
  CU_add_test(s, "dense layers", test_dense);
  CU_add_test(s, "refused documents", test_refused);
  CU_add_test(s, "out of memory", test_nomem);
}

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_COMPUTE_MODEL_H
#define SELMCAST_COMPUTE_MODEL_H

#include "selmcast-rng.h"

#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The compute time of one training round (spec section 7): constant, uniform, or one of the three
 * workloads the paper measured (LSTM on UCF101, Transformer on WMT16, ResNet-50 on ImageNet),
 * rescaled to a chosen mean. Plain C++ with no simulator types; draws go through selmcast::Rng.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * One bin of a measured compute-time histogram, as in doc/compute-time-histograms.csv.
 */
struct WorkloadBin
{
    double lowMs{0};         //!< lower bin edge in milliseconds
    double highMs{0};        //!< upper bin edge in milliseconds
    double proportionRaw{0}; //!< the digitized proportion of the bin
    double proportion{0};    //!< the normalized proportion, the one used for drawing
};

/**
 * \ingroup selmcast
 * \return the workload names, in the canonical spelling: "lstm", "transformer", "resnet50"
 *         (parsing is case-insensitive and also takes "resnet-50")
 */
std::vector<std::string> WorkloadNames();

/**
 * \ingroup selmcast
 * \return every model name ComputeTimeModel::Create takes: "constant", "uniform", then the
 *         workload names
 */
std::vector<std::string> ComputeModelNames();

/**
 * \ingroup selmcast
 * The embedded histogram of a measured workload, in milliseconds as measured (not rescaled).
 * \param name a workload name (case-insensitive)
 * \return its bins in increasing order
 * \throws std::invalid_argument naming the allowed values
 */
const std::vector<WorkloadBin>& WorkloadHistogram(const std::string& name);

/**
 * \ingroup selmcast
 * A per-round compute-time distribution. Times come out in the unit of the requested mean.
 */
class ComputeTimeModel
{
  public:
    /** The constant model with mean 0 (no compute time), so that holders can default-construct. */
    ComputeTimeModel() = default;

    /**
     * Always the mean.
     * \param mean the compute time, finite and >= 0 (0: communication only)
     * \return the model
     * \throws std::invalid_argument naming "mean" and its range
     */
    static ComputeTimeModel Constant(double mean);

    /**
     * Uniform in [mean (1 - spread), mean (1 + spread)].
     * \param mean the mean, finite and > 0
     * \param spread the relative half width, in [0, 1]
     * \return the model
     * \throws std::invalid_argument naming "mean" or "spread" and its range
     */
    static ComputeTimeModel Uniform(double mean, double spread);

    /**
     * A measured workload: draw a bin by its normalized proportion (renormalized to sum to 1),
     * then a uniform value inside it (or its centre), times a scale that makes the model's exact
     * mean equal to the requested one. Both variants have the same mean, the proportion-weighted
     * mean of the bin centres.
     * \param name a workload name (case-insensitive; see WorkloadNames)
     * \param mean the mean, finite and > 0
     * \param binCentre true: the bin centre; false (default): uniform inside the bin
     * \return the model
     * \throws std::invalid_argument naming the parameter and its allowed values
     */
    static ComputeTimeModel Workload(const std::string& name, double mean, bool binCentre = false);

    /**
     * A model by name, for command lines and attributes.
     * \param name "constant", "uniform" or a workload name (case-insensitive)
     * \param mean the mean
     * \param spread the spread of "uniform" (ignored by the others)
     * \param binCentre the bin-centre option of the workloads (ignored by the others)
     * \return the model
     * \throws std::invalid_argument naming the parameter and its allowed values
     */
    static ComputeTimeModel Create(const std::string& name,
                                   double mean,
                                   double spread = 0,
                                   bool binCentre = false);

    /**
     * \param rng the generator to draw from (the constant model draws nothing)
     * \return one compute time, >= 0
     */
    double Draw(Rng& rng) const;

    /** \return the exact mean of the model */
    double Mean() const;

    /** \return "constant", "uniform" or the workload's canonical name */
    std::string GetName() const;

  private:
    /** The shape of the distribution. */
    enum class Kind
    {
        Constant, //!< always m_mean
        Uniform,  //!< uniform around m_mean
        Workload  //!< a rescaled histogram
    };

    Kind m_kind{Kind::Constant};    //!< the shape
    std::string m_name{"constant"}; //!< the name GetName returns
    double m_mean{0};               //!< the exact mean
    double m_spread{0};             //!< Uniform: relative half width
    bool m_binCentre{false};        //!< Workload: bin centre instead of uniform inside
    double m_scale{1};              //!< Workload: milliseconds to the caller's unit
    const std::vector<WorkloadBin>* m_bins{nullptr}; //!< Workload: the histogram
    std::vector<double> m_cumulative; //!< Workload: cumulative probabilities, last is 1
};

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_COMPUTE_MODEL_H

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_SSP_FLOW_H
#define SELMCAST_SSP_FLOW_H

#include "selmcast-algorithm.h"
#include "selmcast-compute-model.h"
#include "selmcast-rate-allocator.h"
#include "selmcast-ssp-tau.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * A flow-level model of SSP training (spec sections 5 and 7): the same selection (SelectOnReady)
 * and rate allocation as SelmcastController, with transfers as fluid flows on the algorithm's
 * big-switch model instead of packets. It exists to search the readings of Algorithm 2 quickly;
 * every figure it gives is checked against the packet-level selmcast-ssp in the model chapter.
 * Plain C++ with no simulator types.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * The setting and the reading of one flow-level SSP run. Units: bytes and seconds.
 */
struct SspFlowConfig
{
    uint32_t n{16};                                 //!< workers, >= 2
    uint32_t p{5};                                  //!< receivers per multicast, in [1, n - 1]
    uint32_t k{4};                                  //!< forced-round limit, >= 1
    uint32_t staleness{4};                          //!< ssp
    double bandwidth{1.25e9};                       //!< mean egress b, bytes/s, > 0
    double lambda{0.5};                             //!< port spread, in [0, 1)
    double mu{1};                                   //!< ingress / egress ratio, > 0
    double volume{1.5e6};                           //!< block size v, bytes, > 0
    ComputeTimeModel compute;                       //!< per-round compute time, seconds
    double duration{1};                             //!< simulated seconds, > 0
    std::string selector{"selmcast"};               //!< selmcast, random or broadcast
    SelmcastOptions options;                        //!< the selmcast selector's reading
    RatePolicy ratePolicy{RatePolicy::MaxMin};      //!< maxmin or deadline (deadline tau_i)
    TauEstimate tauEstimate{TauEstimate::Blocking}; //!< how tau_i is estimated
    bool dropsFinal{true};      //!< false: a dropped receiver is listed again in later calls
    bool reselectOnDone{false}; //!< true: Algorithm 2 also runs when a multicast completes

    /** \throws std::invalid_argument naming the field and its allowed range */
    void Validate() const;
};

/**
 * \ingroup selmcast
 * The metrics of a run, as selmcast-ssp reports them.
 */
struct SspFlowResult
{
    double utilization{0};  //!< compute time over n times the duration
    double scale{0};        //!< mean over completed multicasts of |completed receivers| / n
    uint64_t multicasts{0}; //!< completed multicasts
    uint64_t drops{0};      //!< receivers dropped in flight (a returning one counts again)
    uint64_t selections{0}; //!< calls of SelectOnReady
    double meanRounds{0};   //!< completed rounds per worker
};

/**
 * \ingroup selmcast
 * One flow-level SSP run: event-driven, exact between events (rates are constant between a
 * READY and the next event, as in the controller, which re-allocates at every READY and DONE).
 * L3 only (the paper evaluates SSP with L3): a multicast is one session at one rate.
 */
class SspFlowSimulation
{
  public:
    /**
     * \param config the setting (validated here)
     * \param seed the run's seed: port bandwidths, compute times and selection draws
     */
    SspFlowSimulation(const SspFlowConfig& config, uint64_t seed);

    /** \return the metrics of the whole run (call once) */
    SspFlowResult Run();

  private:
    /** A multicast in flight. */
    struct Transfer
    {
        std::vector<uint8_t> served;   //!< per worker: currently a receiver
        std::vector<double> remaining; //!< per worker: v_ij (frozen while not served)
        double rate{0};                //!< the session's rate
        double ready{0};               //!< time of the READY
    };

    /** A worker's phase. */
    enum class Phase
    {
        Computing,
        Transferring,
        Blocked
    };

    void Advance(double to);                        //!< fluid progress up to time `to`
    double NextTransferEnd(uint32_t& sender) const; //!< earliest session end
    void OnReady(uint32_t w);                       //!< compute done: select, start the multicast
    void OnDone(uint32_t w);                        //!< multicast done: counters, barrier
    void Select(bool withNewTask, uint32_t w);      //!< Algorithm 2 over G (plus w's new task)
    void Allocate();                                //!< rates of every session
    void Release();                                 //!< START every blocked worker allowed to go
    void StartCompute(uint32_t w);                  //!< draw and schedule w's compute
    SspTauInputs TauInputs() const;                 //!< what the tau estimate reads now
    double SessionLeft(const Transfer& t) const;    //!< largest served v_ij

    SspFlowConfig m_config;               //!< the setting
    std::unique_ptr<Selector> m_selector; //!< the policy
    Rng m_selectRng;                      //!< selection draws
    std::vector<Rng> m_computeRng;        //!< one stream per worker
    std::vector<double> m_ingress;        //!< b^I
    std::vector<double> m_egress;         //!< b^E
    Matrix<uint32_t> m_counters;          //!< c_ij
    std::vector<Phase> m_phase;           //!< per worker
    std::vector<uint32_t> m_roundsDone;   //!< r_w
    std::vector<double> m_computeStart;   //!< start of the current compute
    std::vector<double> m_computeEnd;     //!< end of the current compute
    std::map<uint32_t, Transfer> m_live;  //!< G, by sender
    double m_now{0};                      //!< the clock
    double m_computeTotal{0};             //!< completed compute time
    uint64_t m_computeCount{0};           //!< completed computes
    double m_syncTotal{0};                //!< READY-to-DONE time of completed multicasts
    double m_scaleSum{0};                 //!< sum of completed scales
    SspFlowResult m_result;               //!< counters
};

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_SSP_FLOW_H
